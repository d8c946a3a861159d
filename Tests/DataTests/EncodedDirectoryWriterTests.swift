import Foundation
import PepnetModel
import Testing

@testable import PepnetData

/// `pepnet encode`'s writer: the shards hold, row for row, what `EncodedDataset` (the encoding
/// `train` trains on) holds, with out-of-fold rates on the train split; shards are bounded; a bad
/// row leaves no directory behind.
@Suite struct EncodedDirectoryWriterTests {
  static let config = GeneratorConfig(seed: 5, users: 50, items: 80, authors: 10, impressions: 2500)

  /// Every split's shards, concatenated, equal `EncodedDataset` of that split, column by column.
  @Test func shardsHoldWhatTrainEncodes() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let data = dir.url.appendingPathComponent("data")
    _ = try SyntheticGenerator.generate(Self.config, to: data)
    let dataset = try Dataset(directory: data)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let out = dir.url.appendingPathComponent("enc").path
    let manifest = try EncodedDirectoryWriter.write(
      dataset: dataset, pipeline: pipeline, to: out, shardRows: 333, datasetName: "data")
    #expect(manifest.fields == pipeline.fields)
    for split in Dataset.Split.allCases {
      let expected = try EncodedDataset(dataset: dataset, split: split, pipeline: pipeline)
      let entry = try #require(manifest.splits[split.rawValue])
      #expect(entry.rows == expected.count)
      #expect(entry.shards.count == (expected.count + 332) / 333)
      #expect(entry.shards.dropLast().allSatisfy { $0.rows == 333 })
      var general: [Int32] = [], side: [Int32] = [], domains: [Int32] = [], users: [Int32] = []
      var labels: [Float] = [], mask: [Float] = [], oracle: [Float] = []
      for shard in entry.shards {
        let file = try SafeTensorsFile(contentsOfFile: out + "/" + shard.file)
        #expect(file.tensors["general_ids"]?.shape == [shard.rows, pipeline.generalFieldCount])
        general += try #require(file.tensors["general_ids"]?.ints)
        side += try #require(file.tensors["domain_side_ids"]?.ints)
        domains += try #require(file.tensors["domains"]?.ints)
        users += try #require(file.tensors["users"]?.ints)
        labels += try #require(file.tensors["labels"]?.floats)
        mask += try #require(file.tensors["label_mask"]?.floats)
        oracle += file.tensors["oracle"]?.floats ?? []
      }
      #expect(general == expected.generalIds, "\(split) general ids")
      #expect(side == expected.domainSideIds, "\(split) domain-side ids (out-of-fold on train)")
      #expect(domains == expected.domains && users == expected.users)
      #expect(labels == expected.labels && mask == expected.labelMask)
      #expect(entry.hasOracle == (expected.oracle != nil))
      #expect(oracle == (expected.oracle ?? []))
    }
    let stored = try JSONDecoder().decode(
      FeaturePipeline.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/pipeline.json")))
    #expect(stored.fields == pipeline.fields)
  }

  /// A bad label in the last split fails the whole write and leaves nothing at the path.
  @Test func aBadRowLeavesNoDirectory() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let data = dir.url.appendingPathComponent("data")
    _ = try SyntheticGenerator.generate(Self.config, to: data)
    let test = data.appendingPathComponent("test.csv")
    var lines = try String(contentsOf: test, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: ",0,", with: ",7,")
    try (lines.joined(separator: "\n") + "\n").write(to: test, atomically: true, encoding: .utf8)
    let dataset = try Dataset(directory: data)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let out = dir.url.appendingPathComponent("enc").path
    #expect(throws: (any Error).self) {
      try EncodedDirectoryWriter.write(
        dataset: dataset, pipeline: pipeline, to: out, shardRows: 100, datasetName: "d")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["data"])
  }
}
