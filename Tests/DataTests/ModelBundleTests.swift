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
}
