import Foundation
import PepnetData
import PepnetInference
import PepnetModel
import Testing

/// Issue 14 item 5: a what-if's edited profile scores exactly as a user who has that profile, and
/// an edited context as a request with that context; unknown fields and values are refused.
@Suite struct FeatureOverridesTests {
  static let bundlePath = PopulationGatesTests.bundlePath

  /// The rows of a request built by hand, through the pipeline's raw-id `encode` (not
  /// `fillRanking`), with `column` of every row set to `index`: the encoding of "this user, but
  /// with that feature".
  func handBatch(
    _ bundle: ModelBundle, user: Int, items: [Int], domain: Int, context: [String: String] = [:],
    column: Int? = nil, index: Int32 = 0
  ) throws -> Batch {
    let pipeline = bundle.pipeline
    let batch = Batch(config: bundle.model.config, capacity: items.count)
    batch.resize(count: items.count)
    let g = batch.generalFieldCount
    let s = batch.domainSideFieldCount
    for (r, item) in items.enumerated() {
      var row = try pipeline.encode(
        user: pipeline.users.ids[user], item: pipeline.items.ids[item], domain: pipeline.domainNames[domain],
        context: context)
      if let column { row.general[column] = index }
      for k in 0..<g { batch.generalIds[r * g + k] = row.general[k] }
      for k in 0..<s { batch.domainSideIds[r * s + k] = row.domainSide[k] }
      batch.domains[r] = Int32(domain)
      batch.users[r] = Int32(user)
    }
    return batch
  }

  func probabilities(_ bundle: ModelBundle, _ batch: Batch) -> [[Float]] {
    var flat: [Float] = []
    Scorer(model: bundle.model, threads: 1).probabilities(batch, into: &flat)
    let n = batch.count
    return (0..<bundle.model.config.taskCount).map { t in Array(flat[t * n..<(t + 1) * n]) }
  }

  @Test func anEditedProfileScoresAsAUserWhoHasThatProfile() throws {
    let bundle = try ModelBundle.load(from: Self.bundlePath)
    let pipeline = bundle.pipeline
    let fields = bundle.model.config.generalFields.map(\.name)
    let age = try #require(fields.firstIndex(of: "age"))
    let user = 0
    let own = try #require(pipeline.users.profile(user).first { $0.name == "age" }?.value)
    // A user who has another age band, and that band's id as that user's row encodes it.
    let other = try #require(
      (0..<pipeline.users.count).first { u in
        pipeline.users.profile(u).contains { $0.name == "age" && $0.value != own }
      })
    let band = try #require(pipeline.users.profile(other).first { $0.name == "age" }?.value)
    let items = Array(0..<12)
    let otherRow = try handBatch(bundle, user: other, items: [0], domain: 1)
    let bandIndex = otherRow.generalIds[age]

    let overrides = try FeatureOverrides([(field: "age", value: band)], pipeline: pipeline)
    #expect(overrides.columns.map(\.column) == [age] && overrides.columns.map(\.index) == [bandIndex])
    let ranker = CatalogRanker(bundle: bundle, threads: 1)
    let edited = ranker.scores(user: user, domain: 1, items: items, overrides: overrides)
    let expected = probabilities(
      bundle, try handBatch(bundle, user: user, items: items, domain: 1, column: age, index: bandIndex))
    #expect(edited == expected, "bit for bit the scores of the hand-built rows")
    #expect(edited != ranker.scores(user: user, domain: 1, items: items), "the edit changes the scores")

    // The gates read out of the same edited row.
    let inspector = GateInspector(bundle: bundle)
    let gates = try #require(inspector.gates(user: user, item: 3, domain: 1, overrides: overrides))
    let byHand = inspector.gates(
      of: try handBatch(bundle, user: user, items: [3], domain: 1, column: age, index: bandIndex))
    #expect(gates == byHand.first)
    #expect(gates != inspector.gates(user: user, item: 3, domain: 1))
  }

  @Test func anEditedContextScoresAsARequestWithThatContext() throws {
    let bundle = try ModelBundle.load(from: Self.bundlePath)
    let items = Array(20..<30)
    let overrides = try FeatureOverrides(
      [(field: "hour", value: "3"), (field: "network", value: "5g")], pipeline: bundle.pipeline)
    let edited = CatalogRanker(bundle: bundle, threads: 1).scores(
      user: 5, domain: 2, items: items, overrides: overrides)
    let expected = probabilities(
      bundle,
      try handBatch(bundle, user: 5, items: items, domain: 2, context: ["hour": "3", "network": "5g"]))
    #expect(edited == expected)
  }

  @Test func unknownFieldsItemFeaturesAndValuesAreRefused() throws {
    let pipeline = try ModelBundle.load(from: Self.bundlePath).pipeline
    func message(_ edits: [(field: String, value: String)]) -> String {
      do {
        _ = try FeatureOverrides(edits, pipeline: pipeline)
        return ""
      } catch {
        return "\(error)"
      }
    }
    #expect(
      message([(field: "agee", value: "50+")]).hasPrefix(
        "unknown profile or context feature 'agee'; closest: age"))
    #expect(message([(field: "category", value: "pets")]).contains("is an item feature"))
    #expect(message([(field: "age", value: "51+")]).hasPrefix("unknown value of age '51+'; closest: "))
    #expect(message([(field: "hour", value: "25")]).hasPrefix("unknown value of hour '25'"))
    #expect(message([(field: "user_id", value: "u1")]).hasPrefix("unknown profile or context feature"))
    let twice = try FeatureOverrides(
      [(field: "age", value: "<18"), (field: "age", value: "50+")], pipeline: pipeline)
    #expect(twice.columns.map(\.value) == ["50+"], "a later edit of a field replaces the earlier one")
  }
}
