import Foundation
import PepnetData
import PepnetModel

/// A private folder holding the fixture dataset, a pipeline built from it and a tiny saved
/// PEPNet bundle: what each fuzz input is placed into. Files replaced by an input are restored
/// afterwards, so every input sees the same valid surroundings.
final class FuzzWorkspace {
  static let bundleFiles = [BundleManifest.fileName, ModelBundle.pipelineFile, ModelBundle.weightsFile]

  let root: String
  let datasetDirectory: String
  let bundleDirectory: String
  let dataset: Dataset
  let pipeline: FeaturePipeline
  /// The original bytes of every file that an input may replace, by path.
  private var originals: [String: Data] = [:]

  /// Creates the workspace in `PEPNET_FUZZ_WORKDIR`, else under /dev/shm when it exists (the fuzzer
  /// writes a file per input). libFuzzer ends without running exit handlers, so scripts/fuzz.sh
  /// points it at a folder it removes itself.
  init() throws {
    let base =
      ProcessInfo.processInfo.environment["PEPNET_FUZZ_WORKDIR"]
      ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    root = base + "/pepnet-fuzz-\(getpid())"
    datasetDirectory = root + "/dataset"
    bundleDirectory = root + "/model"
    try? FileManager.default.removeItem(atPath: root)
    try FileManager.default.createDirectory(atPath: datasetDirectory, withIntermediateDirectories: true)
    let files = [
      "schema.json": FuzzFixture.schema, "users.csv": FuzzFixture.users, "items.csv": FuzzFixture.items,
      "train.csv": FuzzFixture.train, "valid.csv": FuzzFixture.valid, "test.csv": FuzzFixture.valid,
    ]
    for (name, text) in files {
      try Data(text.utf8).write(to: URL(fileURLWithPath: datasetDirectory + "/" + name))
    }
    dataset = try Dataset(directory: URL(fileURLWithPath: datasetDirectory))
    pipeline = try FeaturePipeline.build(dataset: dataset, options: PipelineOptions(idMinCount: 1))
    let config = ModelConfig(
      fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 2, tower: [4, 2], epnetGateHidden: 2,
      ppnetGateHidden: 2, expertHidden: [4])
    let manifest = BundleManifest(model: config, tasks: pipeline.tasks, domains: pipeline.domainNames)
    try ModelBundle(manifest: manifest, model: ModelFactory.make(config: config, seed: 1), pipeline: pipeline)
      .save(to: bundleDirectory)
    for name in files.keys { remember(datasetDirectory + "/" + name) }
    for name in Self.bundleFiles { remember(bundleDirectory + "/" + name) }
  }

  private func remember(_ path: String) {
    originals[path] = FileManager.default.contents(atPath: path)
  }

  /// The original contents of a bundle file (for seeds).
  func original(bundleFile name: String) -> Data { originals[bundleDirectory + "/" + name]! }

  /// A path inside the workspace.
  func path(_ name: String) -> String { root + "/" + name }

  /// Writes `data` to `path`, trapping on failure (the harness cannot go on without it).
  func write(_ data: Data, to path: String) {
    guard FileManager.default.createFile(atPath: path, contents: data) else {
      fuzzFailure("cannot write \(path)")
    }
  }

  /// Runs `body` with `directory/name` holding `data`, then puts the original back.
  func replacing<T>(_ name: String, in directory: String, with data: Data, _ body: () -> T) -> T {
    let path = directory + "/" + name
    write(data, to: path)
    defer { write(originals[path]!, to: path) }
    return body()
  }

  /// Runs `body` with several files of `directory` replaced, then puts the originals back.
  func replacing<T>(_ files: [(name: String, data: Data)], in directory: String, _ body: () -> T) -> T {
    for (name, data) in files { write(data, to: directory + "/" + name) }
    defer { for (name, _) in files { write(originals[directory + "/" + name]!, to: directory + "/" + name) } }
    return body()
  }

  func remove() { try? FileManager.default.removeItem(atPath: root) }
}
