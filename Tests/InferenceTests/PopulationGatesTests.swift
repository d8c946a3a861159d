import Foundation
import PepnetData
import PepnetInference
import PepnetModel
import PepnetText
import Testing

/// The population statistics and the average-gate rankings on the shipped sample model, against
/// brute force: every sampled pair's gates read one by one (`GateInspector`), and the averages
/// substituted by hand into the gate networks' weights.
@Suite struct PopulationGatesTests {
  static let bundlePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data/model").path

  @Test func theSampleIsSeededDistinctAndTheSameInEveryDomain() {
    let a = PopulationSample(userCount: 50, itemCount: 30, users: 20, itemsPerUser: 3, seed: 4)
    #expect(a == PopulationSample(userCount: 50, itemCount: 30, users: 20, itemsPerUser: 3, seed: 4))
    #expect(a != PopulationSample(userCount: 50, itemCount: 30, users: 20, itemsPerUser: 3, seed: 5))
    #expect(Set(a.users).count == 20 && a.users.allSatisfy { (0..<50).contains($0) })
    #expect(a.items.allSatisfy { $0.count == 3 && $0.allSatisfy { (0..<30).contains($0) } })
    #expect(a.pairCount == 60)
    let all = PopulationSample(userCount: 7, itemCount: 30, users: 100, itemsPerUser: 2)
    #expect(all.users.sorted() == Array(0..<7))
  }

  @Test func statisticsMatchEveryPairReadOneByOne() throws {
    let bundle = try ModelBundle.load(from: Self.bundlePath)
    let sample = PopulationSample(
      userCount: bundle.pipeline.users.count, itemCount: bundle.pipeline.items.count, users: 6,
      itemsPerUser: 4,
      seed: 3)
    let d = 2
    let population = try #require(PopulationGates.compute(bundle: bundle, sample: sample, only: [d]))
    #expect(
      population.epnet[0].isEmpty && population.epnet[d].count == bundle.model.config.generalFields.count)
    let inspector = GateInspector(bundle: bundle)
    // gates[user][pair]
    let gates = zip(sample.users, sample.items).map { u, items in
      items.map { inspector.gates(user: u, item: $0, domain: d)! }
    }
    for f in population.fields.indices {
      let perUser = gates.map { pairs in
        pairs.map { Double($0.epnet[f].mean) }.reduce(0, +) / Double(pairs.count)
      }
      let spread = population.epnet[d][f]
      #expect(abs(Double(spread.mean) - perUser.reduce(0, +) / 6) < 1e-5)
      let sorted = perUser.sorted()
      // Six users: p10 at position 0.5, p90 at 4.5.
      #expect(abs(Double(spread.p10) - (sorted[0] + sorted[1]) / 2) < 1e-5)
      #expect(abs(Double(spread.p90) - (sorted[4] + sorted[5]) / 2) < 1e-5)
    }
    for t in population.tasks.indices {
      for l in 0..<population.layers {
        let perUser = gates.map { pairs in
          pairs.map { p in Double(p.ppnet[t][l].reduce(0, +)) / Double(p.ppnet[t][l].count) }.reduce(0, +)
            / Double(pairs.count)
        }
        let spread = population.ppnet[d][t][l]
        #expect(abs(Double(spread.mean) - perUser.reduce(0, +) / 6) < 1e-5)
        let sorted = perUser.sorted()
        #expect(abs(Double(spread.p10) - (sorted[0] + sorted[1]) / 2) < 1e-5)
        #expect(abs(Double(spread.p90) - (sorted[4] + sorted[5]) / 2) < 1e-5)
      }
    }
    // Health: every value counted once.
    let all = gates.joined()
    let epValues = all.flatMap { $0.epnet.flatMap(\.values) }
    #expect(population.epnetHealth.values == epValues.count)
    #expect(
      population.epnetHealth.saturated == epValues.filter { $0 < 0.05 || $0 > population.gamma - 0.05 }.count)
    #expect(population.epnetHealth.nearNeutral == epValues.filter { abs($0 - 1) < 0.05 }.count)
    let ppValues = all.flatMap { $0.ppnet.joined().joined() }
    #expect(population.ppnetHealth.values == ppValues.count)
    #expect(population.ppnetHealth.nearNeutral == ppValues.filter { abs($0 - 1) < 0.05 }.count)
    #expect(
      population.ppnetHealth.saturated == ppValues.filter { $0 < 0.05 || $0 > population.gamma - 0.05 }.count)
    #expect(population.epnetHealth.units == epValues.count / all.count)
    // Dead units: per unit, the per-user means' p90 - p10 (positions 0.5 and 4.5 of six) below 0.01.
    func deadUnits(_ values: (GateActivations) -> [Float]) -> Int {
      // flat[user][pair][unit]
      let flat = gates.map { $0.map(values) }
      return (0..<flat[0][0].count).filter { k in
        let perUser = flat.map { pairs in pairs.map { Double($0[k]) }.reduce(0, +) / Double(pairs.count) }
          .sorted()
        return (perUser[4] + perUser[5]) / 2 - (perUser[0] + perUser[1]) / 2 < 0.01
      }.count
    }
    #expect(population.epnetHealth.dead == deadUnits { $0.epnet.flatMap(\.values) })
    #expect(population.ppnetHealth.dead == deadUnits { Array($0.ppnet.joined().joined()) })
    #expect(population.ppnetHealth.units == ppValues.count / all.count)
  }

  /// `--gates average`: the population's average gates (brute force: the mean over the pairs of
  /// each pair's gates, every user having the same number of pairs) written into the gate
  /// networks by hand (zero weights, bias logit(gate / γ)) rank as the override does.
  @Test(arguments: GateChoice.allCases)
  func averageGateRankingsEqualGatesSubstitutedByHand(_ choice: GateChoice) throws {
    let bundle = try ModelBundle.load(from: Self.bundlePath)
    let sample = PopulationSample(
      userCount: bundle.pipeline.users.count, itemCount: bundle.pipeline.items.count, users: 5,
      itemsPerUser: 4,
      seed: 8)
    let (user, d) = (17, 1)
    let population = try #require(PopulationGates.compute(bundle: bundle, sample: sample, only: [d]))
    // The first 400 items of the catalog (a debug build scores slowly).
    let items = Array(0..<400)
    let substituted = choice.scores(
      bundle: bundle, user: user, domain: d, population: population, items: items)
    let weights = [Float](repeating: 1, count: substituted.count)
    let own = RankedList(
      scores: CatalogRanker(bundle: bundle).scores(user: user, domain: d, items: items), weights: weights)

    let inspector = GateInspector(bundle: bundle)
    let pairs = zip(sample.users, sample.items).flatMap { u, items in
      items.map { inspector.gates(user: u, item: $0, domain: d)! }
    }
    // The bundle's own model is changed by hand from here on.
    let model = try #require(bundle.model as? PEPNet)
    let gamma = model.config.gamma
    func setConstant(_ dense: Dense, column: Int, to value: Float) {
      for i in 0..<dense.inputs { dense.weight.value[i, column] = 0 }
      let p = Double(value / gamma)
      dense.bias.value[0, column] = Float(log(p / (1 - p)))
    }
    if choice.averagesEPNet {
      let width = pairs[0].epnet.flatMap(\.values).count
      for k in 0..<width {
        let mean = pairs.map { Double($0.epnet.flatMap(\.values)[k]) }.reduce(0, +) / Double(pairs.count)
        setConstant(model.epnet!.gate.outputs[0], column: k, to: Float(mean))
      }
    }
    if choice.averagesPPNet {
      #expect(model.ppnet.taskGating == .sharedSplit)
      for t in 0..<model.config.taskCount {
        for l in pairs[0].ppnet[t].indices {
          let units = pairs[0].ppnet[t][l].count
          for j in 0..<units {
            let mean = pairs.map { Double($0.ppnet[t][l][j]) }.reduce(0, +) / Double(pairs.count)
            setConstant(model.ppnet.gate!.outputs[l], column: t * units + j, to: Float(mean))
          }
        }
      }
    }
    let expected = CatalogRanker(bundle: bundle, threads: 1).scores(user: user, domain: d, items: items)
    var worst: Float = 0
    for t in expected.indices {
      for i in expected[t].indices { worst = max(worst, abs(expected[t][i] - substituted[t][i])) }
    }
    #expect(worst < 2e-5, "largest probability difference \(worst)")
    let a = RankedList(scores: expected, weights: weights)
    let b = RankedList(scores: substituted, weights: weights)
    let c = try #require(RankingComparison(base: a, other: b, k: 10))
    #expect(c.overlap == 10 && c.spearman > 0.9999)
    // Averaging changes the ranking (the test would pass trivially otherwise).
    let effect = try #require(RankingComparison(base: own, other: b, k: 10))
    #expect(choice == .own ? effect.spearman == 1 : effect.spearman < 0.9999)
  }
}
