import Foundation
import PepnetModel
import Testing

@testable import PepnetData

/// Negative-feedback tasks (issue 13, item 5): the schema names them, the generator marks `hate`,
/// the bundle carries them so that `rank` and the explorer default their weight to -1. Files without
/// the field (such as the shipped sample bundle) keep the old all-ones default.
@Suite struct NegativeTasksTests {
  static let schemaJSON = """
    {"version": 1, "domains": ["a"], "impressions": {"user_id": "u", "item_id": "i", "domain": "d",
     "context": [], "tasks": ["like", "hate"]}, "users": {"file": "users.csv", "id": "u", "features": []},
     "items": {"file": "items.csv", "id": "i", "author_id": "a", "features": []},
     "splits": {"train": "train.csv", "valid": "valid.csv", "test": "test.csv"}NEGATIVE}
    """

  func schema(_ negative: String) throws -> DatasetSchema {
    let json = Self.schemaJSON.replacingOccurrences(of: "NEGATIVE", with: negative)
    return try JSONDecoder().decode(DatasetSchema.self, from: Data(json.utf8))
  }

  @Test func schemaNamesNegativeTasksOptionally() throws {
    #expect(try schema("").negativeTasks == nil)
    let marked = try schema(#", "negative_tasks": ["hate"]"#)
    #expect(marked.negativeTasks == ["hate"])
    try marked.validate()
    #expect(throws: FileError.self) { try schema(#", "negative_tasks": ["love"]"#).validate() }
    #expect(SyntheticGenerator.schema.negativeTasks == ["hate"])
  }

  @Test func bundleManifestCarriesThemWithADefault() throws {
    let config = ModelConfig(
      fields: [FieldSpec(name: "user", vocabularySize: 5, role: .general, isPrior: true)],
      tasks: ["like", "hate"], embeddingDim: 4, tower: [4], epnetGateHidden: 4, ppnetGateHidden: 4)
    let old = BundleManifest(model: config, tasks: ["like", "hate"], domains: ["a"])
    #expect(old.defaultWeights == [1, 1])
    var marked = old
    marked.negativeTasks = ["hate"]
    #expect(marked.defaultWeights == [1, -1])
    let encoded = try JSONEncoder().encode(marked)
    #expect(String(decoding: encoded, as: UTF8.self).contains("\"negative_tasks\""))
    let decoded = try JSONDecoder().decode(BundleManifest.self, from: encoded)
    #expect(decoded.defaultWeights == [1, -1])
    // A bundle written before the field existed has none.
    let legacy = try JSONDecoder().decode(BundleManifest.self, from: try JSONEncoder().encode(old))
    #expect(legacy.negativeTasks == nil && legacy.defaultWeights == [1, 1])
  }

  /// The shipped sample bundle marks `hate` as negative feedback (as `generate` now does), so its
  /// default blend subtracts it; the same config.json without the key (a bundle written before
  /// the field existed) still loads, with every weight 1.
  @Test func sampleBundleSubtractsHateAndOlderBundlesStillLoad() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let config = try Data(contentsOf: root.appendingPathComponent("sample-data/model/config.json"))
    let manifest = try JSONDecoder().decode(BundleManifest.self, from: config)
    #expect(manifest.negativeTasks == ["hate"])
    #expect(manifest.defaultWeights == manifest.tasks.map { $0 == "hate" ? -1 : 1 })
    var object = try #require(try JSONSerialization.jsonObject(with: config) as? [String: Any])
    object["negative_tasks"] = nil
    let older = try JSONDecoder().decode(
      BundleManifest.self, from: try JSONSerialization.data(withJSONObject: object))
    #expect(older.negativeTasks == nil && older.defaultWeights.allSatisfy { $0 == 1 })
  }
}
