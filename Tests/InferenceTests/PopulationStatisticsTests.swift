import PepnetInference
import Testing

/// The population statistics against small cases computed by hand: spreads and percentiles, the
/// per-user averaging, gate health, and the between-domain sentences.
@Suite struct PopulationStatisticsTests {
  @Test func percentilesInterpolateBetweenRanks() {
    // n = 5: p10 at position 0.4, p90 at 3.6.
    let s = GateSpread(of: [3, 1, 2, 5, 4])
    #expect(s.mean == 3)
    #expect(abs(s.p10 - 1.4) < 1e-6)
    #expect(abs(s.p90 - 4.6) < 1e-6)
    #expect(GateSpread(of: [0.7]) == GateSpread(mean: 0.7, p10: 0.7, p90: 0.7))
    #expect(GateSpread(of: []) == GateSpread(mean: 0, p10: 0, p90: 0))
    // n = 11: positions 1 and 9 exactly.
    let eleven = GateSpread(of: (0...10).map { Float($0) })
    #expect(eleven.p10 == 1 && eleven.p90 == 9 && eleven.mean == 5)
  }

  /// Two units, three users with 2, 1 and 0 pairs, γ = 2.
  func handSample() -> GateSample {
    var s = GateSample(users: 3, units: 2, gamma: 2)
    s.add(user: 0, values: [1.0, 0.02])  // 0.02 saturated low; 1.0 neutral
    s.add(user: 0, values: [1.2, 0.04])  // 0.04 saturated low
    s.add(user: 1, values: [0.6, 1.97])  // 1.97 saturated high (> 1.95)
    return s
  }

  @Test func userMeansWeighUsersEquallyAndSkipUnsampledUsers() {
    let s = handSample()
    // User 0: unit means 1.1 and 0.03; user 1: 0.6 and 1.97.
    let unit0 = s.userMeans(units: 0..<1)
    #expect(unit0.count == 2)
    #expect(abs(unit0[0] - 1.1) < 1e-6 && abs(unit0[1] - 0.6) < 1e-6)
    // Both units together: user 0 (1.0 + 0.02 + 1.2 + 0.04) / 4 = 0.565, user 1 (0.6 + 1.97) / 2.
    let both = s.spread(units: 0..<2)
    #expect(abs(both.mean - (0.565 + 1.285) / 2) < 1e-6)
    // Two users: p10 = 0.565 + 0.1 * (1.285 - 0.565), p90 = 0.565 + 0.9 * 0.72.
    #expect(abs(both.p10 - 0.637) < 1e-6)
    #expect(abs(both.p90 - 1.213) < 1e-6)
    // The average gate: per unit, the mean over users of each user's mean, (1.1 + 0.6) / 2 and
    // (0.03 + 1.97) / 2; not the mean over pairs (0.9333…, 0.6767).
    let average = s.averageGate
    #expect(abs(average[0] - 0.85) < 1e-6 && abs(average[1] - 1.0) < 1e-6)
  }

  @Test func healthCountsSaturatedNeutralAndDeadGates() {
    let s = handSample()
    let h = s.fullHealth
    #expect(h.values == 6)
    #expect(h.saturated == 3)
    #expect(h.nearNeutral == 1)
    #expect(h.units == 2 && h.dead == 0)
    #expect(abs(h.saturatedShare - 0.5) < 1e-12)
    // A unit whose per-user means differ by less than 0.01 / 0.8 is dead.
    var d = GateSample(users: 2, units: 2, gamma: 2)
    d.add(user: 0, values: [0.5, 0.5])
    d.add(user: 1, values: [0.51, 0.6])  // unit 0: p90 - p10 = 0.8 * 0.01 = 0.008 < 0.01
    #expect(d.fullHealth.dead == 1)
    #expect(d.fullHealth.deadShare == 0.5)
    #expect(GateHealth.isSaturated(1.96, gamma: 2) && !GateHealth.isSaturated(1.94, gamma: 2))
    #expect(GateHealth.isNearNeutral(1.04) && !GateHealth.isNearNeutral(0.94))
  }

  @Test func contrastsPickTheLargestRatiosBetweenDomains() {
    let domains = ["double_column", "single_column", "featured"]
    let fields = ["user_id", "category", "hour"]
    // gates[domain][field]
    let gates: [[Float]] = [
      [1.00, 0.87, 0.50],
      [1.005, 1.00, 0.40],
      [1.00, 1.131, 0.45],
    ]
    let found = DomainContrast.largest(gates: gates, domains: domains, fields: fields, limit: 3)
    // hour 0.50 / 0.40 = 1.25, category 1.131 / 0.87 = 1.30; user_id 1.005 is below 1.01.
    #expect(found.map(\.field) == ["category", "hour"])
    #expect(found[0].sentence == "featured amplifies category 1.30× more than double_column (1.13 vs 0.87)")
    #expect(
      found[1].sentence == "double_column damps hour less than single_column, 1.25× the gate (0.50 vs 0.40)")
    #expect(DomainContrast.largest(gates: [gates[0]], domains: ["one"], fields: fields).isEmpty)
  }
}
