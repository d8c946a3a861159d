import Foundation
import PepnetData
import PepnetModel
import Testing

@testable import PepnetInference

/// Issue 16's recovery metrics on hand-computed cases (perfect, inverted, ties, centring, names
/// matched across orders) and the PPNet effect against rankings scored one by one.
@Suite struct TruthRecoveryTests {
  static func truth(importance: [String: [Double]], deviations: [String: [Double]] = [:]) -> GroundTruth {
    let ids = deviations.keys.sorted()
    return GroundTruth(
      domains: ["a", "b", "c"], tasks: ["t1", "t2"], fieldImportance: importance,
      users: ids.map {
        GroundTruth.User(
          id: $0, domainShift: 0, domainEngagement: [0, 0, 0], taskPropensity: deviations[$0]!,
          propensityDeviation: deviations[$0]!)
      })
  }

  @Test func spearmanOfPerfectInvertedTiedAndConstantRankings() throws {
    #expect(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 35, 90]) == 1)
    #expect(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
    // Ties share their average rank: ranks (1.5, 1.5, 3) against (1, 2, 3) give 1.5 / sqrt(3).
    let tied = try #require(RankCorrelation.spearman([1, 1, 2], [1, 2, 3]))
    #expect(abs(tied - 1.5 / 3.0.squareRoot()) < 1e-12)
    #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil)
    #expect(RankCorrelation.spearman([1], [1]) == nil)
  }

  /// Field x varies a lot between domains and y a little; the gates of y are on another scale.
  /// Centred per field, both rank the domains the same way: a perfect recovery. Uncentred (gates
  /// of y below x's) the ranks would disagree.
  @Test func epnetRecoveryIsCentredPerFieldAndMatchedByName() throws {
    let truth = Self.truth(importance: ["x": [1, 2, 3], "y": [10, 10.5, 11], "absent": [1, 2, 3]])
    // The model lists domains c, a, b and fields y, x, z (z has no truth).
    let domains = ["c", "a", "b"], fields = ["y", "x", "z"]
    let perfect: [[Float]] = [[0.75, 7, 1], [0.25, 5, 1], [0.5, 6, 1]]
    let e = TruthRecovery.epnet(truth: truth, domains: domains, fields: fields, gates: perfect)
    #expect(e.pairs == 6)
    #expect(try abs(#require(e.r) - 1) < 1e-12)
    let inverted: [[Float]] = [[0.25, 5, 1], [0.75, 7, 1], [0.5, 6, 1]]
    let i = TruthRecovery.epnet(truth: truth, domains: domains, fields: fields, gates: inverted)
    #expect(try abs(#require(i.r) + 1) < 1e-12)
    // Half right: x's domains ranked right, y's inverted. Pooled in field order (y, then x) and
    // model domain order, the centred values are planted (0.5, -0.5, 0, 1, -1, 0) against gates
    // (-0.25, 0.25, 0, 1, -1, 0): ranks (5, 2, 3.5, 6, 1, 3.5) and (2, 5, 3.5, 6, 1, 3.5), whose
    // deviations from 3.5 give 8 / 17.
    let mixed: [[Float]] = [[0.25, 7, 1], [0.75, 5, 1], [0.5, 6, 1]]
    let m = try #require(TruthRecovery.epnet(truth: truth, domains: domains, fields: fields, gates: mixed).r)
    #expect(abs(m - 8.0 / 17.0) < 1e-12)
  }

  @Test func ppnetRecoveryRanksDeviationsAgainstEffectsPerTask() throws {
    let truth = Self.truth(
      importance: [:], deviations: ["u1": [-1, 2], "u2": [0, 1], "u3": [1, 0], "u4": [3, -2]])
    // Sample users u3, u9 (not in the truth), u1, u2, u4; model tasks t2, t1, t3 (t3 has no truth).
    let ids = ["u3", "u9", "u1", "u2", "u4"]
    let effects: [[Double]] = [
      [-0.5, 9, 0.2, 0.1, -3],  // t2: u1 > u2 > u3 > u4, as planted
      [0.1, -9, -0.2, 0.0, 0.05],  // t1: u4 (3) ranked below u3 (1): one swap
      [1, 1, 1, 1, 1],
    ]
    let p = TruthRecovery.ppnet(
      truth: truth, tasks: ["t2", "t1", "t3"], userIds: ids, effects: effects, comparison: .signed)
    #expect(p.users == 4)
    #expect(p.r.map(\.task) == ["t2", "t1"])
    #expect(try abs(#require(p.r[0].r) - 1) < 1e-12)
    // Planted t1 ranks (u3 3, u1 1, u2 2, u4 4), effects (4, 1, 2, 3): 1 - 6 * 2 / (4 * 15) = 0.8.
    #expect(try abs(#require(p.r[1].r) - 0.8) < 1e-12)
    let inverted = TruthRecovery.ppnet(
      truth: truth, tasks: ["t2"], userIds: ids, effects: [effects[0].map { -$0 }], comparison: .signed)
    #expect(try abs(#require(inverted.r[0].r) + 1) < 1e-12)
  }

  /// The "size of the personalisation effect": `|deviation|` against `|effect|`, the
  /// default. On t1 the effects are the deviations' sizes with the signs flipped (magnitude 1,
  /// signed -1); on t2 the signs agree but the sizes rank differently (signed 1, magnitude 0.4).
  @Test func ppnetRecoveryBySizeIgnoresTheDirection() throws {
    let truth = Self.truth(
      importance: [:], deviations: ["u1": [-3, 0.5], "u2": [1, -2], "u3": [2, 1], "u4": [-0.5, -4]])
    let ids = ["u1", "u2", "u3", "u4"]
    let effects: [[Double]] = [[2, -0.1, -1.5, 0.05], [0.3, -0.2, 0.9, -1]]
    // t1: |deviation| ranks (4, 2, 3, 1) and |effect| ranks (4, 2, 3, 1): 1. Signed: deviation
    // ranks (1, 3, 4, 2) against effect ranks (4, 2, 1, 3): 1 - 6 * 20 / 60 = -1.
    // t2: |deviation| ranks (1, 3, 2, 4) against |effect| ranks (2, 1, 3, 4): 1 - 6 * 6 / 60 = 0.4.
    // Signed: (3, 2, 4, 1) against (3, 2, 4, 1): 1.
    let size = TruthRecovery.ppnet(truth: truth, tasks: ["t1", "t2"], userIds: ids, effects: effects)
    #expect(size.users == 4)
    #expect(try abs(#require(size.r[0].r) - 1) < 1e-12)
    #expect(try abs(#require(size.r[1].r) - 0.4) < 1e-12)
    let signed = TruthRecovery.ppnet(
      truth: truth, tasks: ["t1", "t2"], userIds: ids, effects: effects, comparison: .signed)
    #expect(try abs(#require(signed.r[0].r) + 1) < 1e-12)
    #expect(try abs(#require(signed.r[1].r) - 1) < 1e-12)
    #expect(TruthRecovery.mean(size.r).map { abs($0 - 0.7) < 1e-12 } == true)
  }

  /// The effect against the catalog scored one by one with the user's own gates and with the
  /// average PPNet gates (`GateChoice.averagePPNet`, the `rank --gates average-ppnet` path); a
  /// truth planting exactly those effects is recovered perfectly through `compute`.
  @Test func effectIsTheLogitChangeUnderAveragePPNetGates() throws {
    let bundle = try ModelBundle.load(from: PopulationGatesTests.bundlePath)
    let sample = PopulationSample(
      userCount: bundle.pipeline.users.count, itemCount: bundle.pipeline.items.count, users: 5,
      itemsPerUser: 3, seed: 2)
    let population = try #require(PopulationGates.compute(bundle: bundle, sample: sample))
    let model = try #require(bundle.model as? PEPNet)
    let effects = TruthRecovery.personalisationEffects(
      model: model, pipeline: bundle.pipeline, population: population)
    let tasks = bundle.manifest.tasks.count
    let domains = bundle.manifest.domains.count
    func logit(_ p: Float) -> Double { Foundation.log(Double(p)) - Foundation.log1p(-Double(p)) }
    var planted: [String: [Double]] = [:]
    var ownLogits: [String: [Double]] = [:]
    for (k, user) in sample.users.enumerated() {
      var expected = [Double](repeating: 0, count: tasks)
      var ownLogit = [Double](repeating: 0, count: tasks)
      for d in 0..<domains {
        let own = CatalogRanker(bundle: bundle, threads: 1).scores(
          user: user, domain: d, items: sample.items[k])
        let average = GateChoice.averagePPNet.scores(
          bundle: bundle, user: user, domain: d, population: population, items: sample.items[k])
        for t in 0..<tasks {
          for i in sample.items[k].indices {
            expected[t] += (logit(own[t][i]) - logit(average[t][i])) / 9
            ownLogit[t] += logit(own[t][i]) / 9
          }
        }
      }
      for t in 0..<tasks { #expect(abs(effects[t][k] - expected[t]) < 1e-3, "user \(user) task \(t)") }
      #expect(expected.contains { abs($0) > 1e-3 }, "the user's own gates change something")
      planted[bundle.pipeline.users.ids[user]] = expected
      ownLogits[bundle.pipeline.users.ids[user]] = ownLogit
    }
    let truth = GroundTruth(
      domains: bundle.manifest.domains, tasks: bundle.manifest.tasks, fieldImportance: [:],
      users: planted.keys.sorted().map {
        GroundTruth.User(
          id: $0, domainShift: 0, domainEngagement: [0, 0, 0], taskPropensity: planted[$0]!,
          propensityDeviation: planted[$0]!)
      })
    let recovery = try #require(TruthRecovery.compute(bundle: bundle, population: population, truth: truth))
    #expect(recovery.ppnetUsers == 5 && recovery.ppnet.count == tasks)
    #expect(recovery.ppnet.allSatisfy { abs(($0.r ?? 0) - 1) < 1e-9 })
    #expect(
      recovery.ppnetSigned.count == tasks && recovery.ppnetSigned.allSatisfy { abs(($0.r ?? 0) - 1) < 1e-9 })
    #expect(recovery.epnet == nil && recovery.epnetPairs == 0)
    // The diagnostic ranks the users' own mean logits: perfect against a truth planting them.
    let logitTruth = GroundTruth(
      domains: truth.domains, tasks: truth.tasks, fieldImportance: [:],
      users: ownLogits.keys.sorted().map {
        GroundTruth.User(
          id: $0, domainShift: 0, domainEngagement: [0, 0, 0], taskPropensity: ownLogits[$0]!,
          propensityDeviation: ownLogits[$0]!)
      })
    let diagnostic = try #require(
      TruthRecovery.compute(bundle: bundle, population: population, truth: logitTruth))
    #expect(
      diagnostic.userLogit.count == tasks && diagnostic.userLogit.allSatisfy { abs(($0.r ?? 0) - 1) < 1e-9 })
  }
}
