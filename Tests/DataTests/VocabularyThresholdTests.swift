import Foundation
import Testing

@testable import PepnetData

/// Issue 18 item 5: `id_min_count`, `feature_min_count` and `statistics_tasks` as schema keys,
/// overridden by `train`'s options, and the unknown-id share printed at the start of training.
struct VocabularyThresholdTests {
  func dataset(_ change: (inout DatasetSchema) -> Void) throws -> (TempDir, Dataset) {
    let dir = TempDir()
    _ = Fixture.write(to: dir)
    var schema = Fixture.schema
    change(&schema)
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    return (dir, try Dataset(directory: dir.url))
  }

  @Test func schemaKeysSetThePipelineOptions() throws {
    let (dir, dataset) = try dataset {
      $0.idMinCount = 1
      $0.featureMinCount = 3
      $0.statisticsTasks = ["like", "click"]
    }
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    // u3 and i3 have one train impression each: kept with id_min_count 1.
    #expect(pipeline.userIds.tokens.count == 3 && pipeline.itemIds.tokens.count == 3)
    // hour: 1 (3 times), 2 (2), 3 (1): only "1" reaches 3.
    #expect(pipeline.context[0].tokens == ["1"])
    #expect(pipeline.statistics.tasks == ["like", "click"])
    #expect(pipeline.options.idMinCount == 1 && pipeline.options.featureMinCount == 3)
  }

  @Test func optionsOverrideTheSchema() throws {
    let (dir, dataset) = try dataset { $0.idMinCount = 1 }
    defer { dir.remove() }
    let options = PipelineOptions(schema: dataset.schema, idMinCount: 3, featureMinCount: 2)
    #expect(options.idMinCount == 3 && options.featureMinCount == 2)
    #expect(PipelineOptions(schema: dataset.schema).idMinCount == 1)
    #expect(PipelineOptions(schema: Fixture.schema) == PipelineOptions())
    let pipeline = try FeaturePipeline.build(dataset: dataset, options: options)
    #expect(pipeline.userIds.tokens == ["u1"])
  }

  @Test(arguments: [
    ("id_min_count", "id_min_count is 0; it must be in 1...1000000000"),
    ("feature_min_count", "feature_min_count is 0; it must be in 1...1000000000"),
  ])
  func aZeroThresholdIsRefused(key: String, message: String) throws {
    var schema = Fixture.schema
    if key == "id_min_count" { schema.idMinCount = 0 } else { schema.featureMinCount = 0 }
    #expect(throws: FileError(path: "schema.json", problem: message)) { try schema.validate() }
  }

  @Test func statisticsTasksMustBeTasks() {
    var schema = Fixture.schema
    schema.statisticsTasks = ["clik"]
    #expect(throws: FileError(path: "schema.json", problem: "statistics_tasks names unknown task 'clik'")) {
      try schema.validate()
    }
    schema.statisticsTasks = []
    #expect(throws: FileError.self) { try schema.validate() }
  }

  @Test func unknownShareCountsRowsWithoutTheirOwnIndex() throws {
    let (dir, dataset) = try dataset { _ in }
    defer { dir.remove() }
    let strict = try FeaturePipeline.build(dataset: dataset)
    // Train: u3 and i3 are seen once, below id_min_count 2.
    let train = UnknownIdShare(try EncodedDataset(dataset: dataset, split: .train, pipeline: strict))
    #expect(train == UnknownIdShare(rows: 6, unknownUsers: 1, unknownItems: 1))
    #expect(train.text == "16.7% / 16.7%")
    // Valid: u4 (catalogue only), u4, u9 unknown; i9 unknown.
    let valid = UnknownIdShare(try EncodedDataset(dataset: dataset, split: .valid, pipeline: strict))
    #expect(valid == UnknownIdShare(rows: 4, unknownUsers: 3, unknownItems: 1))
    let loose = try FeaturePipeline.build(
      dataset: dataset, options: PipelineOptions(schema: dataset.schema, idMinCount: 1))
    #expect(
      UnknownIdShare(try EncodedDataset(dataset: dataset, split: .train, pipeline: loose)).text
        == "0.0% / 0.0%")
  }
}
