import Foundation
import Testing

@testable import PepnetData

/// `truth.json` (issue 16): what the generator planted, on a tiny world.
@Suite struct GroundTruthTests {
  static let tiny = GeneratorConfig(seed: 5, users: 12, items: 20, authors: 4, impressions: 600)

  @Test func truthFileHoldsThePlantedWorld() throws {
    let dir = TempDir()
    defer { dir.remove() }
    try SyntheticGenerator.generate(Self.tiny, to: dir.url)
    let truth = try #require(try GroundTruth.load(datasetDirectory: dir.url))
    let world = SyntheticWorld(config: Self.tiny)
    #expect(truth.domains == ["double_column", "single_column", "featured"])
    #expect(truth.tasks == SyntheticVocabulary.tasks)
    #expect(truth.fieldImportance["user_id"] == [1.4, 1.0, 0.6])
    #expect(truth.fieldImportance["item_id"] == [0.7, 1.1, 1.6])
    #expect(truth.fieldImportance.count == FieldImportance.table.count)
    #expect(truth.users.map(\.id) == (0..<12).map { "u\($0)" })
    let t = world.taskCount
    for (u, user) in truth.users.enumerated() {
      #expect(abs(user.domainShift - world.userShift[u]) < 1e-6)
      #expect(user.taskPropensity.count == t && user.domainEngagement.count == 3)
      for k in 0..<t { #expect(abs(user.taskPropensity[k] - world.propensity[u * t + k]) < 1e-6) }
      // e[u][d] = ±0.5 s[u] (-1, 1, 0.3)[d].
      #expect(abs(abs(user.domainEngagement[1]) - 0.5 * user.domainShift) < 2e-6)
      #expect(abs(user.domainEngagement[0] + user.domainEngagement[1]) < 2e-6)
    }
    // Deviations are the propensities minus their mean over users.
    for k in 0..<t {
      let mean = truth.users.reduce(0) { $0 + $1.taskPropensity[k] } / 12
      #expect(abs(truth.users.reduce(0) { $0 + $1.propensityDeviation[k] }) < 1e-4)
      for user in truth.users {
        #expect(abs(user.propensityDeviation[k] - (user.taskPropensity[k] - mean)) < 2e-6)
      }
    }
  }

  /// A field's terms of the true logit scale with its importance in the domain: the change in
  /// like's logit from one item's quality is q_like * importance(item_id, d) * ΔQ.
  @Test func fieldImportanceScalesTheTrueLogit() {
    var world = SyntheticWorld(config: Self.tiny)
    var before = [Double](repeating: 0, count: world.taskCount)
    var after = before
    for d in 0..<3 {
      world.itemQuality[0] = 0
      world.logits(user: 0, item: 0, domain: d, hour: 12, network: 0, into: &before)
      world.itemQuality[0] = 1
      world.logits(user: 0, item: 0, domain: d, hour: 12, network: 0, into: &after)
      // The documented importance of item_id (docs/generator.md), not the table the code reads.
      let expected = SyntheticWorld.qualityWeight[1] * [0.7, 1.1, 1.6][d]
      #expect(abs((after[1] - before[1]) - expected) < 1e-12)
    }
  }

  @Test func datasetWithoutTruthHasNone() throws {
    let dir = TempDir()
    defer { dir.remove() }
    #expect(try GroundTruth.load(datasetDirectory: dir.url) == nil)
  }

  @Test func writtenTruthReadsBackAndInconsistencyIsNamed() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let truth = GroundTruth(world: SyntheticWorld(config: Self.tiny))
    let url = dir.url.appendingPathComponent("truth.json")
    try truth.write(to: url)
    #expect(try GroundTruth.load(from: url) == truth)
    var broken = truth
    broken.users[3].taskPropensity.removeLast()
    #expect(broken.problem == "users[3].task_propensity: 5 values for 6 tasks")
    broken = truth
    broken.fieldImportance["hour"] = [1, 2]
    #expect(broken.problem == "field_importance.hour: 2 values for 3 domains")
    broken = truth
    broken.users[2].id = "u1"
    #expect(broken.problem == "users[2].id: 'u1' appears twice")
  }
}
