import Foundation
import PepnetModel

/// Writes an encoded dataset directory (`pepnet encode`, docs/data-format.md "Encoded datasets"):
/// `pipeline.json` (the feature pipeline `train` builds), `encoded.json` (what is where) and, per
/// split, safetensors shards of at most `shardRows` rows named `<split>-<00000>.safetensors`, so
/// that distributed workers can read disjoint shards.
///
/// The directory is built beside the target and swapped in whole (`AtomicDirectory`): a failure
/// at any row leaves the previous directory, or none, at the path.
public enum EncodedDirectoryWriter {
  public static let formatVersion = 1
  public static let manifestName = "encoded.json"

  /// `encoded.json`.
  public struct Manifest: Codable, Equatable, Sendable {
    public struct Shard: Codable, Equatable, Sendable {
      public var file: String
      public var rows: Int
    }
    public struct Split: Codable, Equatable, Sendable {
      public var rows: Int
      public var hasOracle: Bool
      public var shards: [Shard]
      enum CodingKeys: String, CodingKey { case rows, hasOracle = "has_oracle", shards }
    }
    public var formatVersion: Int
    public var dataset: String
    public var shardRows: Int
    public var tasks: [String]
    public var domains: [String]
    /// The model's fields (general then domain-side, the column order of the id tensors), with
    /// vocabulary sizes, roles and prior flags: what a model config needs.
    public var fields: [FieldSpec]
    public var splits: [String: Split]
    enum CodingKeys: String, CodingKey {
      case formatVersion = "format_version", dataset, shardRows = "shard_rows", tasks, domains
      case fields, splits
    }
  }

  /// Encodes every split of `dataset` through `pipeline` into `out`; returns the manifest written.
  @discardableResult
  public static func write(
    dataset: Dataset, pipeline: FeaturePipeline, to out: String, shardRows: Int,
    datasetName: String
  ) throws -> Manifest {
    precondition(shardRows > 0, "shards hold at least one row")
    let encoder = StreamingSplitEncoder(pipeline: pipeline, chunkRows: shardRows)
    var manifest = Manifest(
      formatVersion: formatVersion, dataset: datasetName, shardRows: shardRows, tasks: pipeline.tasks,
      domains: pipeline.domainNames, fields: pipeline.fields, splits: [:])
    try AtomicDirectory.replace(at: out) { directory in
      let json = JSONEncoder()
      json.outputFormatting = [.sortedKeys]
      try AtomicFile.write(json.encode(pipeline), to: directory + "/pipeline.json")
      for split in Dataset.Split.allCases {
        var shards: [Manifest.Shard] = []
        let result = try encoder.encode(path: dataset.path(of: split), outOfFold: split == .train) { chunk in
          let name = "\(split.rawValue)-\(String(format: "%05d", shards.count)).safetensors"
          try shardFile(chunk, pipeline: pipeline).write(to: directory + "/" + name)
          shards.append(.init(file: name, rows: chunk.count))
        }
        manifest.splits[split.rawValue] = .init(
          rows: result.rows, hasOracle: result.hasOracle, shards: shards)
      }
      try AtomicFile.write(json.encode(manifest), to: directory + "/" + manifestName)
    }
    return manifest
  }

  /// One shard's tensors: `general_ids` I32 [n, G], `domain_side_ids` I32 [n, S], `labels` and
  /// `label_mask` F32 [n, T], `domains` and `users` I32 [n], `oracle` F32 [n, T] when present.
  static func shardFile(_ chunk: StreamingSplitEncoder.Chunk, pipeline: FeaturePipeline) -> SafeTensorsFile {
    let n = chunk.count, t = pipeline.taskCount
    var tensors: [String: SafeTensor] = [
      "general_ids": SafeTensor(shape: [n, pipeline.generalIdWidth], ints: chunk.generalIds),
      "domain_side_ids": SafeTensor(shape: [n, pipeline.domainSideFieldCount], ints: chunk.domainSideIds),
      "labels": SafeTensor(shape: [n, t], floats: chunk.labels),
      "label_mask": SafeTensor(shape: [n, t], floats: chunk.labelMask),
      "domains": SafeTensor(shape: [n], ints: chunk.domains),
      "users": SafeTensor(shape: [n], ints: chunk.users),
    ]
    if let oracle = chunk.oracle { tensors["oracle"] = SafeTensor(shape: [n, t], floats: oracle) }
    return SafeTensorsFile(
      tensors: tensors, metadata: ["format": "pepnet-encoded", "format_version": "\(formatVersion)"])
  }
}
