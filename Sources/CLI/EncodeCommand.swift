import ArgumentParser
import Foundation
import PepnetData

/// `pepnet encode`: applies the feature pipeline once, exactly as `train` builds it, and writes
/// every split as bounded safetensors shards plus `pipeline.json` and `encoded.json`, for
/// trainers outside pepnet (the PyTorch twin in `python/`; docs/data-format.md, "Encoded datasets").
struct EncodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "encode", abstract: "Encode a dataset folder into safetensors shards for other trainers.")

  @Option(help: "Dataset folder (schema.json, users.csv, items.csv, train/valid/test.csv).") var data: String
  @Option(
    help: "Where to write the encoded dataset: a new or empty folder, or one pepnet encode wrote (replaced).")
  var out: String
  @Option(help: "Rows per shard (bounds each shard's size and the memory used).") var shardRows = 65_536
  @Flag(help: "Print the manifest (encoded.json) as JSON.") var json = false

  func validate() throws {
    guard (1...16_777_216).contains(shardRows) else {
      throw ValidationError("--shard-rows must be in 1...16777216; got \(shardRows)")
    }
  }

  func run() throws {
    let target = try Self.checkOutput(out, data: data)
    let dataset = try Dataset(directory: URL(fileURLWithPath: data))
    log("reading \(data): building vocabularies and domain statistics from the train split")
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let manifest = try EncodedDirectoryWriter.write(
      dataset: dataset, pipeline: pipeline, to: target, shardRows: shardRows, datasetName: data)
    if json {
      try StandardOutput.writeJSON(manifest)
      return
    }
    let splits = Dataset.Split.allCases.map { s in
      "\(s.rawValue) \(manifest.splits[s.rawValue]!.rows) rows in \(manifest.splits[s.rawValue]!.shards.count) shards"
    }
    try StandardOutput.writeLine("encoded \(data) into \(out): " + splits.joined(separator: ", "))
  }

  /// The real path to write: new, an empty folder, or a folder `pepnet encode` wrote (its
  /// `encoded.json` decodes and it holds nothing else); never the dataset folder itself.
  static func checkOutput(_ path: String, data: String) throws -> String {
    let real = RealPath.of(path)
    if real == RealPath.of(data) {
      throw CommandError("\(path): is the dataset folder; encode into a new folder")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return real }
    guard isDirectory.boolValue else {
      throw CommandError("\(path): exists and is not a directory (an encoded dataset is a directory)")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: real)) ?? []
    if entries.isEmpty { return real }
    let manifest = real + "/" + EncodedDirectoryWriter.manifestName
    let ours =
      entries.allSatisfy {
        $0 == "pipeline.json" || $0 == EncodedDirectoryWriter.manifestName || $0.hasSuffix(".safetensors")
      }
      && (FileManager.default.contents(atPath: manifest).flatMap {
        try? JSONDecoder().decode(EncodedDirectoryWriter.Manifest.self, from: $0)
      } != nil)
    guard ours else {
      throw CommandError(
        "\(path): the folder is not empty and holds no encoded dataset (no valid \(EncodedDirectoryWriter.manifestName)); encode into a new folder"
      )
    }
    return real
  }
}
