import Foundation
import PepnetInference
import PepnetModel
import Testing

@testable import PepnetData

/// Issue 18 item 4 at serving: a what-if edit of a multi-valued profile feature
/// (`langs=en;fr`) parses the raw value with the feature's separator and writes all of the
/// field's slots, so the edited user scores exactly as a row encoded with that cell; unknown
/// values, an empty value and too many values are refused.
@Suite struct MultiValueWhatIfTests {
  /// A bundle (not saved) on a tiny dataset with a multi-valued user feature `langs` (';', up to
  /// 2 values) and item feature `genres` ('|').
  static func bundle(in dir: URL) throws -> ModelBundle {
    func write(_ name: String, _ text: String) throws {
      try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }
    var schema = DatasetSchema(
      impressions: .init(userId: "user", itemId: "item", domain: "tab", context: ["hour"], tasks: ["click"]),
      domains: ["a", "b"], users: .init(id: "user", features: ["langs"]),
      items: .init(id: "item", authorId: "author", title: nil, features: ["genres"]))
    schema.multi = ["langs": ";", "genres": "|"]
    schema.multiMaxValues = 2
    schema.idMinCount = 1
    try schema.write(to: dir.appendingPathComponent("schema.json"))
    try write("users.csv", "user,langs\nu1,en\nu2,en;fr\nu3,fr;de\n")
    try write("items.csv", "item,author,genres\ni1,a1,x|y\ni2,a1,y\ni3,a2,z|x\n")
    let train = "user,item,tab,hour,click\nu1,i1,a,1,1\nu2,i2,a,2,0\nu3,i3,b,1,1\nu2,i1,b,2,1\nu1,i3,a,1,0\n"
    try write("train.csv", train)
    try write("valid.csv", "user,item,tab,hour,click\nu1,i2,a,1,1\n")
    try write("test.csv", "user,item,tab,hour,click\nu3,i2,b,2,0\n")
    let pipeline = try FeaturePipeline.build(dataset: Dataset(directory: dir))
    let config = ModelConfig(
      fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 4, tower: [8, 4], epnetGateHidden: 4,
      ppnetGateHidden: 4)
    let manifest = BundleManifest(model: config, tasks: pipeline.tasks, domains: pipeline.domainNames)
    return ModelBundle(
      manifest: manifest, model: ModelFactory.make(config: config, seed: 5), pipeline: pipeline)
  }

  @Test func aMultiValuedEditScoresAsARowEncodedWithThatCell() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-multi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let bundle = try Self.bundle(in: dir)
    let pipeline = bundle.pipeline
    // Slots: user_id, item_id, author_id, langs (2), genres (2), hour.
    #expect(pipeline.generalIdWidth == 8)
    let overrides = try FeatureOverrides([(field: "langs", value: "en;fr")], pipeline: pipeline)
    let u2 = try pipeline.encode(user: "u2", item: "i1", domain: "a").general
    #expect(overrides.columns.map(\.column) == [3] && overrides.columns[0].ids == Array(u2[3..<5]))

    // u1 with u2's languages, by hand: u1's rows with the langs slots replaced.
    let items = [0, 1, 2]
    let batch = Batch(config: bundle.model.config, capacity: items.count)
    batch.resize(count: items.count)
    let g = batch.generalIdWidth, s = batch.domainSideFieldCount
    for (r, item) in items.enumerated() {
      var row = try pipeline.encode(user: "u1", item: pipeline.items.ids[item], domain: "a")
      row.general.replaceSubrange(3..<5, with: u2[3..<5])
      for k in 0..<g { batch.generalIds[r * g + k] = row.general[k] }
      for k in 0..<s { batch.domainSideIds[r * s + k] = row.domainSide[k] }
    }
    var flat: [Float] = []
    Scorer(model: bundle.model, threads: 1).probabilities(batch, into: &flat)
    let ranker = CatalogRanker(bundle: bundle, threads: 1)
    let edited = ranker.scores(user: 0, domain: 0, items: items, overrides: overrides)
    #expect(edited == [flat], "bit for bit the scores of the hand-built rows")
    #expect(edited != ranker.scores(user: 0, domain: 0, items: items), "the edit changes the scores")
  }

  @Test func unknownEmptyAndTooManyValuesAreRefused() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-multi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let pipeline = try Self.bundle(in: dir).pipeline
    func refusal(_ value: String) -> String? {
      do {
        _ = try FeatureOverrides([(field: "langs", value: value)], pipeline: pipeline)
        return nil
      } catch { return "\(error)" }
    }
    #expect(refusal("en;xx")?.contains("'xx'") == true, "\(refusal("en;xx") ?? "accepted")")
    #expect(refusal(";") == "';' has no value of langs (values are separated by ';')")
    #expect(refusal("en;fr;de") == "'langs' has 3 values, more than the bundle's multi_max_values (2)")
    #expect(refusal("fr;en") == nil && refusal("de") == nil)
  }
}
