import PepnetNumerics
import Testing

@testable import PepnetModel

/// Whole-model finite-difference checks of the baselines.
@Suite struct BaselineGradientTests {
  @Test(arguments: [Architecture.dnn, .sharedBottom, .mmoe, .ple])
  func baselineMatchesFiniteDifferences(architecture: Architecture) {
    let config = smallConfig(architecture: architecture)
    let model = ModelFactory.make(config: config, seed: 31)
    var rng = SeededRNG(seed: 32)
    let batch = randomBatch(config: config, count: 6, rng: &rng)
    let bad = checkWholeModel(model, batch: batch, taskWeights: [1, 0.6])
    #expect(bad.isEmpty, "\(architecture): \(bad.count) mismatches, first \(bad.prefix(4))")
    // Names are unique, so weights files can key tensors by name.
    let names = model.namedTensors.map(\.name)
    #expect(Set(names).count == names.count)
  }
}
