import Foundation
import PepnetModel
import PepnetTraining
import Testing

@testable import PepnetData

/// Model bundles: save and load give identical scores; every kind of corruption is reported in
/// one line naming the file.
@Suite struct ModelBundleTests {
  /// A small PEPNet on the fixture dataset, saved to `dir/model`.
  func savedBundle(in dir: TempDir) throws -> (ModelBundle, EncodedDataset, String) {
    let dataset = Fixture.write(to: dir)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let config = ModelConfig(
      fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 4, tower: [8, 4], epnetGateHidden: 4,
      ppnetGateHidden: 4)
    let model = ModelFactory.make(config: config, seed: 3)
    let manifest = BundleManifest(model: config, tasks: pipeline.tasks, domains: pipeline.domainNames)
    let bundle = ModelBundle(manifest: manifest, model: model, pipeline: pipeline)
    let path = dir.path("model")
    try bundle.save(to: path)
    let valid = try EncodedDataset(dataset: dataset, split: .valid, pipeline: pipeline)
    return (bundle, valid, path)
  }

  func loadError(_ path: String) -> String? {
    do {
      _ = try ModelBundle.load(from: path)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func roundTripGivesIdenticalScores() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (bundle, valid, path) = try savedBundle(in: dir)
    let before = Evaluator.predict(model: bundle.model, dataset: valid)
    let loaded = try ModelBundle.load(from: path)
    let after = Evaluator.predict(model: loaded.model, dataset: valid)
    #expect(before == after)
    #expect(loaded.manifest.model == bundle.manifest.model)
    #expect(loaded.pipeline.fields == bundle.pipeline.fields)
    // Saving again over the existing bundle replaces it and leaves no temporary directories.
    try loaded.save(to: path)
    let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
    #expect(siblings.filter { $0.contains("model") } == ["model"])
  }

  @Test func missingExtraAndMisshapenTensorsAreNamed() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (_, _, path) = try savedBundle(in: dir)
    let weightsPath = path + "/" + ModelBundle.weightsFile
    let original = try SafeTensorsFile(contentsOfFile: weightsPath)

    var missing = original
    missing.tensors["tower1.layer0.bias"] = nil
    try missing.write(to: weightsPath)
    #expect(loadError(path) == "\(weightsPath): missing tensor 'tower1.layer0.bias'")

    var extra = original
    extra.tensors["mystery"] = SafeTensor(shape: [1, 1], floats: [0])
    try extra.write(to: weightsPath)
    #expect(loadError(path) == "\(weightsPath): unexpected tensor 'mystery' (not part of a pepnet model)")

    var misshapen = original
    misshapen.tensors["tower0.layer1.weight"] = SafeTensor(shape: [2, 2], floats: [0, 0, 0, 0])
    try misshapen.write(to: weightsPath)
    #expect(
      loadError(path)?.contains("tensor 'tower0.layer1.weight' has shape [2, 2], the model needs [8, 4]")
        == true)

    var nonFinite = original
    let shape = original.tensors["tower0.layer1.bias"]!.shape
    nonFinite.tensors["tower0.layer1.bias"] = SafeTensor(shape: shape, floats: [.nan, 0, 0, 0])
    try nonFinite.write(to: weightsPath)
    #expect(loadError(path)?.contains("non-finite value at index 0") == true)
  }

  @Test func truncatedAndGarbledWeightsAreReported() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (_, _, path) = try savedBundle(in: dir)
    let weightsPath = path + "/" + ModelBundle.weightsFile
    let bytes = try Data(contentsOf: URL(fileURLWithPath: weightsPath))
    try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: weightsPath))
    let truncated = loadError(path)
    #expect(
      truncated?.hasPrefix("\(weightsPath): invalid safetensors file") == true, "\(truncated ?? "no error")")
    var garbled = bytes
    garbled.replaceSubrange(8..<16, with: Data("not json".utf8))
    try garbled.write(to: URL(fileURLWithPath: weightsPath))
    let bad = loadError(path)
    #expect(bad?.hasPrefix("\(weightsPath): invalid safetensors file") == true, "\(bad ?? "no error")")
    #expect(bad?.contains("\n") == false)
  }

  @Test func manifestProblemsAreReported() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (_, _, path) = try savedBundle(in: dir)
    let manifestPath = path + "/" + BundleManifest.fileName
    let text = try String(contentsOfFile: manifestPath, encoding: .utf8)
    try text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 99")
      .write(toFile: manifestPath, atomically: true, encoding: .utf8)
    #expect(loadError(path) == "\(manifestPath): unknown format_version 99 (this pepnet reads 1)")
    try "{ not json".write(toFile: manifestPath, atomically: true, encoding: .utf8)
    #expect(loadError(path)?.hasPrefix("\(manifestPath): invalid JSON") == true)
    try FileManager.default.removeItem(atPath: manifestPath)
    #expect(loadError(path) == "\(manifestPath): No such file or directory")
    try FileManager.default.createDirectory(atPath: manifestPath, withIntermediateDirectories: false)
    #expect(loadError(path) == "\(manifestPath): Is a directory")
    try FileManager.default.removeItem(atPath: manifestPath)
    #expect(loadError(dir.path("nowhere"))?.contains("no such model bundle") == true)
    let file = dir.write("plain.txt", "x")
    #expect(loadError(file)?.contains("not a directory") == true)
  }

  /// The size check counts the Gate NUs (issue 11: `--tower 65536 --gate-hidden 65536` passed it
  /// and then failed to allocate 96 GiB): for every architecture and PPNet option, the weights it
  /// counts are at least those the built model holds, so a model it accepts is no larger than it
  /// said.
  @Test func gateSizeBoundCoversTheBuiltGates() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    for architecture in Architecture.allCases {
      for placement in PPNetPlacement.allCases {
        for gating in PPNetTaskGating.allCases {
          for finalLayer in [true, false] {
            let config = ModelConfig(
              architecture: architecture, fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 3,
              tower: [7, 5], epnetGateHidden: 6, ppnetGateHidden: 4, ppnetPlacement: placement,
              ppnetTaskGating: gating, ppnetGateFinalLayer: finalLayer)
            let built = ModelFactory.make(config: config, seed: 1).namedTensors
            for prefix in ["epnet.gate.", "ppnet.gate."] {
              let actual = built.filter { $0.name.hasPrefix(prefix) && $0.name.hasSuffix(".weight") }
                .reduce(0) { $0 + $1.value.rows * $1.value.cols }
              let counted =
                config.gateWeights.first { $0.name.hasPrefix(String(prefix.prefix(5))) }?.weights ?? 0
              #expect(
                counted >= actual,
                "\(architecture) \(placement) \(gating) \(finalLayer) \(prefix): \(counted) < \(actual)")
              #expect(actual > 0 || counted == 0, "\(architecture) has no \(prefix) but counts \(counted)")
            }
          }
        }
      }
    }
  }

  /// Every consistency check passes on a bundle pepnet saved (no false alarm), and each check
  /// names the file and the field; the whole binary runs of these are in ErrorCases+BundleConsistency.
  @Test func consistencyChecksPassASavedBundleAndNameTheField() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (bundle, _, path) = try savedBundle(in: dir)
    #expect(loadError(path) == nil)
    let manifest = path + "/" + BundleManifest.fileName
    let pipelineFile = path + "/" + ModelBundle.pipelineFile
    func check(_ m: BundleManifest, _ p: FeaturePipeline? = nil) -> String? {
      do {
        try BundleConsistency.check(
          manifest: m, pipeline: p ?? bundle.pipeline, manifestPath: manifest, pipelinePath: pipelineFile)
        return nil
      } catch { return "\(error)" }
    }
    var m = bundle.manifest
    m.domains = m.domains.reversed()
    #expect(check(m)?.hasPrefix("\(manifest): domains[0] is '\(m.domains[0])'; pipeline.json's") == true)
    m = bundle.manifest
    m.tasks += ["extra"]
    #expect(check(m) == "\(manifest): tasks has \(m.tasks.count) names; model.tasks has \(m.tasks.count - 1)")
    m = bundle.manifest
    m.domains[0] = "line\nbreak"
    let escaped = check(m)
    #expect(escaped?.contains("domains[0] is 'line\\nbreak';") == true, "\(escaped ?? "no error")")
    #expect(escaped?.contains("\n") == false)
    #expect(BundleConsistency.quoted(String(repeating: "x", count: 100)).count == 67)
  }

  /// A weights file whose metadata names another format, version or architecture is refused,
  /// naming the field (tensor names alone could match by chance).
  @Test func weightsMetadataIsChecked() throws {
    let file = "w.safetensors"
    #expect(throws: Never.self) {
      try ModelBundle.checkMetadata(
        ["format": "pepnet", "format_version": "1", "architecture": "dnn"], architecture: .dnn, file: file)
    }
    for (metadata, field) in [
      ([String: String](), "format"), (["format": "pepnet"], "format_version"),
      (["format": "pepnet", "format_version": "1", "architecture": "mmoe"], "architecture"),
    ] {
      #expect(
        throws: FileError.self, "\(field)",
        performing: { try ModelBundle.checkMetadata(metadata, architecture: .dnn, file: file) })
      do { try ModelBundle.checkMetadata(metadata, architecture: .dnn, file: file) } catch {
        #expect("\(error)".hasPrefix("w.safetensors: __metadata__.\(field) "), "\(error)")
      }
    }
  }
}
