import Foundation
import PepnetModel
import PepnetNumerics

/// A trained model on disk: one directory holding
/// - `config.json` (`BundleManifest`: architecture, options, names, training record, metrics),
/// - `weights.safetensors` (every embedding table and dense parameter, by name, Float32),
/// - `pipeline.json` (`FeaturePipeline`: vocabularies, catalog, domain-side statistics), which is
///   all that serving needs to build any (user, item, domain)'s features.
///
/// Saving replaces the directory atomically; loading validates everything and reports the first
/// problem in one line naming the file.
public struct ModelBundle {
  public static let weightsFile = "weights.safetensors"
  public static let pipelineFile = "pipeline.json"

  public var manifest: BundleManifest
  public var model: RecommenderModel
  public var pipeline: FeaturePipeline

  public init(manifest: BundleManifest, model: RecommenderModel, pipeline: FeaturePipeline) {
    self.manifest = manifest
    self.model = model
    self.pipeline = pipeline
  }

  /// Writes the bundle to `path`, replacing any previous bundle there atomically.
  public func save(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let manifestData = try encoder.encode(manifest)
    let compact = JSONEncoder()
    compact.outputFormatting = [.sortedKeys]
    let pipelineData = try compact.encode(pipeline)
    var tensors: [String: SafeTensor] = [:]
    for (name, value) in model.namedTensors {
      tensors[name] = SafeTensor(shape: [value.rows, value.cols], floats: value.toArray())
    }
    let weights = SafeTensorsFile(
      tensors: tensors,
      metadata: [
        "format": "pepnet", "architecture": manifest.model.architecture.rawValue, "format_version": "1",
      ])
    try AtomicDirectory.replace(at: path) { dir in
      try AtomicFile.write(manifestData, to: dir + "/" + BundleManifest.fileName)
      try AtomicFile.write(pipelineData, to: dir + "/" + Self.pipelineFile)
      FaultInjection.pauseIfRequested(at: .bundleMidWrite)
      try weights.write(to: dir + "/" + Self.weightsFile)
    }
  }

  /// Reads and validates the bundle at `path`.
  public static func load(from path: String) throws -> ModelBundle {
    try requireDirectory(
      path, kind: "model bundle",
      ifMissing: "no such model bundle (expected a directory with \(BundleManifest.fileName))")
    let manifestPath = path + "/" + BundleManifest.fileName
    let manifest: BundleManifest = try decodeJSON(BundleManifest.self, at: manifestPath)
    guard manifest.formatVersion == BundleManifest.currentVersion else {
      throw FileError(
        path: manifestPath,
        problem:
          "unknown format_version \(manifest.formatVersion) (this pepnet reads \(BundleManifest.currentVersion))"
      )
    }
    let pipelinePath = path + "/" + pipelineFile
    let pipeline: FeaturePipeline = try decodeJSON(FeaturePipeline.self, at: pipelinePath)
    try BundleConsistency.check(
      manifest: manifest, pipeline: pipeline, manifestPath: manifestPath, pipelinePath: pipelinePath)
    let weightsPath = path + "/" + weightsFile
    let weights = try SafeTensorsFile(contentsOfFile: weightsPath)
    try checkMetadata(weights.metadata, architecture: manifest.model.architecture, file: weightsPath)
    let model = ModelFactory.make(config: manifest.model, seed: 0)
    try assign(weights, to: model, file: weightsPath)
    return ModelBundle(manifest: manifest, model: model, pipeline: pipeline)
  }

  /// Throws unless `path` is a directory: `ifMissing` when nothing is there, "not a directory: a
  /// <kind> is a directory" when something else is.
  package static func requireDirectory(_ path: String, kind: String, ifMissing: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw FileError(path: path, problem: ifMissing)
    }
    guard isDirectory.boolValue else {
      throw FileError(path: path, problem: "not a directory: a \(kind) is a directory")
    }
  }

  /// The metadata `save` writes: a weights file of another format, version or architecture is
  /// refused, naming the field, even when its tensor names happen to match.
  static func checkMetadata(_ metadata: [String: String], architecture: Architecture, file: String) throws {
    let expected = [
      ("format", "pepnet", ""), ("format_version", "1", ""),
      ("architecture", architecture.rawValue, ", the architecture in \(BundleManifest.fileName)"),
    ]
    for (key, value, why) in expected where metadata[key] != value {
      let found = metadata[key].map { "is \(BundleConsistency.quoted($0))" } ?? "is missing"
      throw FileError(path: file, problem: "__metadata__.\(key) \(found); expected '\(value)'\(why)")
    }
  }

  /// Copies every tensor into the model, checking that names and shapes match exactly.
  static func assign(_ weights: SafeTensorsFile, to model: RecommenderModel, file: String) throws {
    try assign(
      weights, to: model.namedTensors, owner: "a \(model.config.architecture.rawValue) model", file: file)
  }

  /// Copies every tensor into the matrices of `expected` (names and shapes must match exactly and
  /// every value be finite); `owner` names what they belong to, for the error message.
  package static func assign(
    _ weights: SafeTensorsFile, to expected: [(name: String, value: Matrix)], owner: String, file: String
  ) throws {
    let expectedNames = Set(expected.map(\.name))
    if let extra = weights.tensors.keys.sorted().first(where: { !expectedNames.contains($0) }) {
      throw FileError(path: file, problem: "unexpected tensor '\(extra)' (not part of \(owner))")
    }
    for (name, value) in expected {
      guard let tensor = weights.tensors[name] else {
        throw FileError(path: file, problem: "missing tensor '\(name)'")
      }
      guard tensor.shape == [value.rows, value.cols] else {
        throw FileError(
          path: file,
          problem:
            "tensor '\(name)' has shape \(tensor.shape), the model needs [\(value.rows), \(value.cols)]")
      }
      guard let floats = tensor.floats else {
        throw FileError(path: file, problem: "tensor '\(name)' is \(tensor.dtype.rawValue), expected F32")
      }
      if let bad = floats.firstIndex(where: { !$0.isFinite }) {
        throw FileError(path: file, problem: "tensor '\(name)' holds a non-finite value at index \(bad)")
      }
      floats.withUnsafeBufferPointer { value.data.update(from: $0.baseAddress!, count: floats.count) }
    }
  }

  package static func decodeJSON<T: Decodable>(_ type: T.Type, at path: String) throws -> T {
    let data: Data
    do throws(JSONFile.Problem) { data = try JSONFile.read(atPath: path) } catch {
      switch error {
      case .unreadable(let reason), .invalid(let reason): throw FileError(path: path, problem: reason)
      }
    }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch let error as DecodingError {
      throw FileError(path: path, problem: describe(error))
    } catch {
      throw FileError(path: path, problem: "\(error)")
    }
  }

  /// One line for a JSON decoding error: what and where (the coding path).
  static func describe(_ error: DecodingError) -> String {
    func at(_ path: [CodingKey]) -> String {
      path.isEmpty
        ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .dataCorrupted(let c):
      return
        "invalid JSON at \(at(c.codingPath)): \(c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription)"
    case .keyNotFound(let key, let c): return "missing field '\(at(c.codingPath + [key]))'"
    case .typeMismatch(_, let c): return "wrong type for '\(at(c.codingPath))': \(c.debugDescription)"
    case .valueNotFound(_, let c): return "null value for '\(at(c.codingPath))'"
    @unknown default: return "\(error)"
    }
  }
}
