import Foundation
import PepnetModel
import Testing

@testable import PepnetData

/// Issue 18 item 2: features the schema lists in `numeric` are cut at train quantiles
/// (`QuantileCuts`) instead of being one category per distinct value, and serving maps a raw
/// number to the bucket training gave it.
struct NumericFeaturesTests {
  /// Hand-computed: values 1, 2, 3, 10 with 2 impressions each, 3 buckets. The first bucket closes
  /// at 2 (weight 4 >= 8 / 3), the second at 3 (2 >= 4 / 2): cuts 2.5 and 6.5.
  @Test func bucketsAreTheTrainQuantiles() {
    let counts = ["1": 2, "2": 2, "3": 2, "10": 2, "many": 5, "-124": 3]
    let v = Vocabulary(name: "followers", numericCounts: counts, buckets: 3, missing: ["-124"])
    #expect(v.cuts == [2.5, 6.5])
    #expect(v.tokens == ["<2.5", "2.5..<6.5", ">=6.5"])
    #expect(v.size == 4)
    let expected: [String: Int32] = [
      "1": 1, "2.4": 1, "-5": 1, "2.5": 2, "3": 2, "6.5": 3, "10": 3, "1e3": 3, "<2.5": 1, ">=6.5": 3,
    ]
    for (value, bucket) in expected { #expect(v.index(of: value) == bucket, "\(value)") }
  }

  /// A value heavier than its share keeps its own bucket, and the rest are not merged away.
  @Test func tiesLoseNoBucket() {
    let v = Vocabulary(name: "age", numericCounts: ["0": 10, "1": 1, "2": 1], buckets: 3, missing: [])
    #expect(v.cuts == [0.5, 1.5])
    let one = Vocabulary(name: "age", numericCounts: ["7": 4], buckets: 3, missing: [])
    #expect(one.cuts == [] && one.tokens == ["any"] && one.index(of: "-1") == 1)
  }

  /// Anything that is not a finite decimal number, and the schema's missing values, is OOV.
  @Test func nonNumbersAreOutOfVocabulary() {
    let v = Vocabulary(name: "followers", numericCounts: ["1": 1, "9": 1], buckets: 2, missing: ["-124"])
    for value in ["", "many", "NA", "nan", "inf", "-inf", "0x10", "1,000", " 3", "-124", "any"] {
      #expect(v.index(of: value) == 0, "'\(value)'")
      #expect(!v.contains(value), "'\(value)'")
    }
    #expect(v.contains("3"))
    // No number in train: no bucket, every value OOV.
    let none = Vocabulary(name: "followers", numericCounts: ["NA": 3], buckets: 2, missing: [])
    #expect(none.size == 1 && none.index(of: "5") == 0)
  }

  /// The fixture with `followers` (a user feature, with a missing value) and `hour` (context)
  /// numeric, two buckets each.
  static func dataset(in dir: TempDir) throws -> Dataset {
    var schema = Fixture.schema
    schema.users.features = ["followers"]
    schema.numeric = ["followers", "hour"]
    schema.numericBuckets = 2
    schema.missing = ["NA", "-1"]
    _ = Fixture.write(to: dir)
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    dir.write("users.csv", "user,followers\nu1,5\nu2,100\nu3,NA\nu4,7\n")
    return try Dataset(directory: dir.url)
  }

  /// Train impressions: u1 x3 (5 followers), u2 x2 (100), u3 x1 (missing); hour 1 x3, 2 x2, 3 x1.
  @Test func pipelineCutsAtTrainQuantiles() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: try Self.dataset(in: dir))
    #expect(pipeline.userFeatures[0].cuts == [52.5])
    #expect(pipeline.context[0].cuts == [1.5])
    // The context default is the bucket of the most frequent hour (1).
    #expect(pipeline.contextDefaults == [1])
    // Fields: user_id, item_id, author_id, followers, category, hour.
    func ids(_ user: String, _ hour: String) throws -> (Int32, Int32) {
      let g = try pipeline.encode(user: user, item: "i1", domain: "a", context: ["hour": hour]).general
      return (g[3], g[5])
    }
    #expect(try ids("u1", "1") == (1, 1))
    #expect(try ids("u2", "2") == (2, 2))
    #expect(try ids("u3", "evening") == (0, 0))  // missing followers, a non-number hour
    #expect(try ids("u4", "NA") == (1, 0))  // 7 followers, unseen in train; a missing hour
    #expect(try ids("u9", "24") == (0, 2))  // an unknown user has no features
  }

  /// Training's encoded rows and serving's encoding of the same raw values agree, from the saved
  /// bundle: each numeric value falls in the bucket training gave it.
  @Test func servingGivesTheTrainingBucket() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = try Self.dataset(in: dir)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let train = try EncodedDataset(dataset: dataset, split: .train, pipeline: pipeline)
    let config = ModelConfig(
      fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 4, tower: [8, 4], epnetGateHidden: 4,
      ppnetGateHidden: 4)
    let manifest = BundleManifest(model: config, tasks: pipeline.tasks, domains: pipeline.domainNames)
    let path = dir.path("model")
    try ModelBundle(manifest: manifest, model: ModelFactory.make(config: config, seed: 3), pipeline: pipeline)
      .save(to: path)
    let served = try ModelBundle.load(from: path).pipeline
    let rows = Fixture.train.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    let g = pipeline.generalFieldCount
    for (r, row) in rows.enumerated() {
      let encoded = try served.encode(
        user: String(row[0]), item: String(row[1]), domain: String(row[2]), context: ["hour": String(row[3])])
      #expect(encoded.general == Array(train.generalIds[r * g..<(r + 1) * g]), "row \(r)")
    }
    // The ranking path (catalogue user, every item) reads the same buckets.
    var general = [Int32](repeating: -1, count: g)
    var side = [Int32](repeating: -1, count: pipeline.domainSideFieldCount)
    served.encode(user: 1, item: 0, domain: 0, general: &general, domainSide: &side)
    #expect(general[3] == 2 && general[5] == 1)  // u2's 100 followers; the default hour
  }

  /// `cuts` round-trip through pipeline.json; a vocabulary without them (a bundle from before
  /// numeric features) is categorical; cuts that are not increasing, or tokens that are not their
  /// buckets, are refused.
  @Test func cutsRoundTripAndAreChecked() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: try Self.dataset(in: dir))
    let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(pipeline))
    #expect(decoded.userFeatures == pipeline.userFeatures)
    #expect(decoded.context == pipeline.context)
    #expect(decoded.schema.numeric == ["followers", "hour"] && decoded.schema.numericBuckets == 2)
    // A missing value that is a number stays OOV after loading (the schema's list is re-applied).
    #expect(decoded.userFeatures[0].index(of: "-1") == 0 && decoded.userFeatures[0].index(of: "-2") == 1)
    #expect(BundleConsistency.pipelineProblem(decoded) == nil)

    func vocabulary(_ json: String) throws -> Vocabulary {
      try JSONDecoder().decode(Vocabulary.self, from: Data(json.utf8))
    }
    let old = try vocabulary(#"{"name":"age","min_count":1,"tokens":["young","old"]}"#)
    #expect(!old.isNumeric && old.index(of: "old") == 2 && old.index(of: "3") == 0)
    #expect(throws: DecodingError.self) {
      try vocabulary(#"{"name":"n","min_count":1,"tokens":["<2.0",">=1.0"],"cuts":[2,1]}"#)
    }
    #expect(throws: DecodingError.self) {
      try vocabulary(#"{"name":"n","min_count":1,"tokens":["a","b","c"],"cuts":[1]}"#)
    }

    // Cuts for a feature the schema does not call numeric are refused at load.
    var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(pipeline)) as! [String: Any]
    var schema = object["schema"] as! [String: Any]
    schema["numeric"] = ["hour"]
    object["schema"] = schema
    let edited = try JSONDecoder().decode(
      FeaturePipeline.self, from: JSONSerialization.data(withJSONObject: object))
    #expect(
      BundleConsistency.pipelineProblem(edited)
        == "user_features[0] ('followers') has cuts, but schema.numeric does not name it")
  }

  /// A schema without numeric keys builds the same categorical pipeline as before.
  @Test func withoutNumericEveryFeatureIsCategorical() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    #expect((pipeline.userFeatures + pipeline.itemFeatures + pipeline.context).allSatisfy { !$0.isNumeric })
    #expect(pipeline.context[0].tokens == ["1", "2", "3"])
  }
}
