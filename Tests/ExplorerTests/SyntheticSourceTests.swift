import PepnetExplorer
import Testing

/// The synthetic source is deterministic and shaped like a real model.
@Suite struct SyntheticSourceTests {
  let source = TestSource.shared

  @Test func deterministicForASeed() {
    let other = SyntheticExplorerSource(seed: 42, latency: 0)
    #expect(other.users.map(\.id) == source.users.map(\.id))
    #expect(other.scores(user: 5, domain: 1) == source.scores(user: 5, domain: 1))
    #expect(
      SyntheticExplorerSource(seed: 7, latency: 0).scores(user: 5, domain: 1)
        != source.scores(user: 5, domain: 1))
  }

  @Test func shapes() {
    #expect(source.users.count == 300 && source.items.count == 400)
    #expect(source.domains.count == 3 && source.tasks.count == 5)
    let scores = source.scores(user: 3, domain: 2)
    #expect(scores.count == 5 && scores.allSatisfy { $0.count == 400 })
    #expect(scores.joined().allSatisfy { $0 > 0 && $0 < 1 })
    let gates = source.gates(user: 3, item: 7, domain: 2)
    #expect(gates.epnet.count == source.averageEPNetGates(domain: 2).count)
    #expect(gates.epnet.allSatisfy { $0.values.count == 8 && $0.min <= $0.mean && $0.mean <= $0.max })
    #expect(gates.ppnet.count == 5 && gates.ppnet[0].map(\.count) == [80, 64, 32])
    #expect(gates.ppnet.joined().joined().allSatisfy { $0 >= 0 && $0 <= gates.gamma })
  }

  @Test func gatesVarySmoothlyWithTheUser() {
    let a = source.gates(user: 10, item: 0, domain: 0).epnet.map(\.mean)
    let b = source.gates(user: 11, item: 0, domain: 0).epnet.map(\.mean)
    let far = source.gates(user: 80, item: 0, domain: 0).epnet.map(\.mean)
    let near = zip(a, b).map { abs($0 - $1) }.max()!
    let distant = zip(a, far).map { abs($0 - $1) }.max()!
    #expect(near < 0.2)
    #expect(distant > near)
  }

  /// The latency passes on the source's clock: a manual clock moves by exactly the latency, and the
  /// scores are those of a source without latency.
  @Test func scoresTakeTheirLatencyOnTheSourcesClock() {
    let clock = ManualClock()
    let slow = SyntheticExplorerSource(latency: 0.004, clock: clock)
    let scores = slow.scores(user: 5, domain: 1)
    #expect(abs(clock.now - 0.004) < 1e-12)
    #expect(scores == source.scores(user: 5, domain: 1))
    _ = slow.gates(user: 5, item: 0, domain: 1)
    #expect(abs(clock.now - 0.004) < 1e-12, "gates take no padding")
  }
}
