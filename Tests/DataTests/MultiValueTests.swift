import Foundation
import PepnetModel
import Testing

@testable import PepnetData

/// Issue 18 item 4: features the schema lists in `multi` hold several values per cell
/// (`Action|Comedy`); vocabularies count each value, thresholds and `missing` apply per value,
/// and an encoded row holds the values' ids (then padding) in `multi_max_values` slots.
struct MultiValueTests {
  /// The fixture with a multi-valued item feature `genres` ('|', up to 3) and a multi-valued
  /// context feature `tags` (';'), `NA` missing and values seen fewer than 2 times OOV.
  static func dataset(in dir: TempDir, items: String? = nil, train: String? = nil) throws -> Dataset {
    var schema = Fixture.schema
    schema.items.features = ["genres"]
    schema.impressions.context = ["tags"]
    schema.multi = ["genres": "|", "tags": ";"]
    schema.multiMaxValues = 3
    schema.missing = ["NA"]
    schema.featureMinCount = 2
    _ = Fixture.write(to: dir)
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    dir.write(
      "items.csv",
      items ?? "item,author,genres,title\ni1,a1,Action|Comedy,One\ni2,a1,Drama|NA|Rare,Two\ni3,a2,,Three\n")
    // i1 x3, i2 x2, i3 x1 in train; tags: x;y x2, x x2, y;z x1, "" x1.
    dir.write(
      "train.csv",
      train
        ?? """
        user,item,tab,tags,click,like
        u1,i1,a,x;y,1,0
        u1,i2,a,x,0,0
        u1,i1,b,x;y,1,
        u2,i1,a,x,0,1
        u2,i3,b,y;z,1,0
        u3,i2,a,,0,0

        """)
    dir.write("valid.csv", "user,item,tab,tags,click,like\nu1,i1,a,z;x;y,1,0\nu9,i9,b,NA,0,1\n")
    dir.write("test.csv", "user,item,tab,tags,click,like\nu1,i1,a,x,1,0\n")
    return try Dataset(directory: dir.url)
  }

  @Test func splittingDropsEmptyAndMissingValues() {
    let format = MultiValueFormat(separator: "|", maxValues: 2)
    #expect(format.values(of: "Action|Comedy", missing: []) == ["Action", "Comedy"])
    #expect(format.values(of: "|Action||NA|", missing: ["NA"]) == ["Action"])
    #expect(format.values(of: "", missing: []) == [])
    #expect(format.excess(cell: "a|b", missing: []) == nil)
    #expect(format.excess(cell: "a|b|c", missing: []) == 3)
    #expect(format.excess(cell: "a|b|NA", missing: ["NA"]) == nil)
    let twoCharacters = MultiValueFormat(separator: ", ", maxValues: 4)
    #expect(twoCharacters.values(of: "a, b,c", missing: []) == ["a", "b,c"])
  }

  /// Counts are per value, weighted by train impressions; `feature_min_count` and `missing` apply
  /// per value.
  @Test func vocabulariesCountEachValue() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: try Self.dataset(in: dir))
    // Action x3, Comedy x3, Drama x2, Rare x2 (i2's impressions), NA missing; i3 has none.
    #expect(pipeline.itemFeatures[0].tokens == ["Action", "Comedy", "Drama", "Rare"])
    // x x4, y x3, z x1 (below feature_min_count 2).
    #expect(pipeline.context[0].tokens == ["x", "y"])
    #expect(pipeline.itemFeatures[0].multi == MultiValueFormat(separator: "|", maxValues: 3))
    #expect(pipeline.userFeatures[0].multi == nil)
    // Fields: user_id, item_id, author_id, age, genres (3 slots), tags (3 slots).
    #expect(pipeline.generalFieldCount == 6 && pipeline.generalIdWidth == 10)
    let fields = pipeline.fields.filter { $0.role == .general }
    #expect(fields.map(\.maxValues) == [nil, nil, nil, nil, 3, 3])
    // The default context is the most frequent value, alone.
    #expect(pipeline.contextDefaults == [1])
  }

  @Test func cellsEncodeAsValueIdsThenPadding() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: try Self.dataset(in: dir))
    func ids(_ item: String, _ tags: String?) throws -> [Int32] {
      let context = tags.map { ["tags": $0] } ?? [:]
      return Array(try pipeline.encode(user: "u1", item: item, domain: "a", context: context).general[4...])
    }
    #expect(try ids("i1", "x;y") == [1, 2, -1, 1, 2, -1])
    // NA is missing and takes no slot; z is below the threshold: unknown, no slot.
    #expect(try ids("i2", "z;y") == [3, 4, -1, 2, -1, -1])
    // An empty cell, and one of unknown values only, pool to the OOV row alone.
    #expect(try ids("i3", "") == [0, -1, -1, 0, -1, -1])
    #expect(try ids("i9", "z;w") == [0, -1, -1, 0, -1, -1])
    // No context given: the default value (x).
    #expect(try ids("i1", nil) == [1, 2, -1, 1, -1, -1])
    #expect(throws: FileError.self) { try ids("i1", "x;y;x;y") }
  }

  /// Training's encoded rows and serving's encoding agree, from the saved bundle; the model's
  /// fields say which are multi-valued, and the bundle loads only when they agree.
  @Test func servingEncodesAsTrainingDid() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = try Self.dataset(in: dir)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let valid = try EncodedDataset(dataset: dataset, split: .valid, pipeline: pipeline)
    #expect(valid.generalIdWidth == 10)
    let config = ModelConfig(
      fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 4, tower: [8, 4], epnetGateHidden: 4,
      ppnetGateHidden: 4)
    let manifest = BundleManifest(model: config, tasks: pipeline.tasks, domains: pipeline.domainNames)
    let path = dir.path("model")
    let model = ModelFactory.make(config: config, seed: 3)
    try ModelBundle(manifest: manifest, model: model, pipeline: pipeline).save(to: path)
    let served = try ModelBundle.load(from: path)
    let w = pipeline.generalIdWidth
    let rows = [("u1", "i1", "a", "z;x;y"), ("u9", "i9", "b", "NA")]
    for (r, (user, item, domain, tags)) in rows.enumerated() {
      let encoded = try served.pipeline.encode(
        user: user, item: item, domain: domain, context: ["tags": tags])
      #expect(encoded.general == Array(valid.generalIds[r * w..<(r + 1) * w]), "row \(r)")
    }
    // A batch from the encoded split scores (the pooled embedding reads every slot).
    let batch = valid.makeBatch(capacity: 2)
    valid.fill(batch, rows: 0..<2)
    let logits = served.model.forward(batch)
    #expect(logits.rows == 2 && logits.toArray().allSatisfy(\.isFinite))
    // The ranking path (catalogue user, every item) writes the same slots.
    var general = [Int32](repeating: 9, count: w)
    var side = [Int32](repeating: 9, count: served.pipeline.domainSideFieldCount)
    served.pipeline.encode(user: 0, item: 1, domain: 0, general: &general, domainSide: &side)
    #expect(Array(general[4...]) == [3, 4, -1, 1, -1, -1])
    // The separator is in pipeline.json's schema.
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: path + "/pipeline.json")))
    let schema = (json as! [String: Any])["schema"] as! [String: Any]
    #expect(schema["multi"] as? [String: String] == ["genres": "|", "tags": ";"])
    #expect(schema["multi_max_values"] as? Int == 3)
  }

  /// A cell with more values than `multi_max_values` is refused where it is, in a side file and
  /// in an impression file (train, and a split encoded later).
  @Test func aCellOverTheCapIsRefusedAtItsLineAndColumn() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let items = "item,author,genres,title\ni1,a1,Action|Comedy,One\ni2,a1,a|b|c|d,Two\ni3,a2,,Three\n"
    let dataset = try Self.dataset(in: dir, items: items)
    #expect {
      try FeaturePipeline.build(dataset: dataset)
    } throws: { error in
      (error as? DataError)?.description
        == "\(dir.path("items.csv")):3:7: column 'genres': 4 values, more than multi_max_values (3) in schema.json"
    }
    let fine = try Self.dataset(in: dir)
    let pipeline = try FeaturePipeline.build(dataset: fine)
    dir.write("test.csv", "user,item,tab,tags,click,like\nu1,i1,a,x,1,0\nu1,i1,a,x;y;z;w,1,0\n")
    #expect {
      try EncodedDataset(dataset: fine, split: .test, pipeline: pipeline)
    } throws: { error in
      (error as? DataError).map { [$0.line, $0.column] } == [3, 9]
    }
  }

  /// A pipeline.json from before multi-valued features (no `multi` key) reads as it did: every
  /// field single-valued, one id per field.
  @Test func aSchemaWithoutMultiIsSingleValued() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    #expect(pipeline.generalIdWidth == pipeline.generalFieldCount)
    #expect(pipeline.fields.allSatisfy { $0.maxValues == nil })
    let data = try JSONEncoder().encode(pipeline.fields)
    #expect(!String(decoding: data, as: UTF8.self).contains("maxValues"))
  }

  /// A tampered pipeline.json whose multi entry cannot be split is refused at load.
  @Test func aBadMultiEntryInABundleIsRefused() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: try Self.dataset(in: dir))
    var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(pipeline)) as! [String: Any]
    var schema = object["schema"] as! [String: Any]
    schema["multi"] = ["genres": "", "tags": ";"]
    object["schema"] = schema
    let edited = try JSONDecoder().decode(
      FeaturePipeline.self, from: JSONSerialization.data(withJSONObject: object))
    #expect(BundleConsistency.pipelineProblem(edited) == "schema.multi.genres is an empty separator")
  }
}
