import PepnetNumerics
import Testing

@testable import PepnetModel

/// fp32 training stays bit-identical: a fixed seed trains the same weights, byte for byte, as it
/// did before the bf16 training path existed. The fingerprints were recorded on the commit before
/// that path (an FNV-1a hash over every weight's bytes, in `namedTensors` order), so a change to
/// the fp32 arithmetic of any layer, the loss or the optimiser shows here.
@Suite struct FP32TrainingFixtureTests {
  static func fingerprint(_ model: RecommenderModel) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for (_, tensor) in model.namedTensors {
      for i in 0..<tensor.count {
        var bits = tensor.data[i].bitPattern
        for _ in 0..<4 {
          hash = (hash ^ UInt64(bits & 0xFF)) &* 0x100_0000_01b3
          bits >>= 8
        }
      }
    }
    return hash
  }

  static func trainedFingerprint(architecture: Architecture, threads: Int) -> UInt64 {
    let config = smallConfig(architecture: architecture)
    let model = ModelFactory.make(config: config, seed: 41)
    let step = TrainingStep(
      model: model, optimizer: OptimizerSettings(learningRate: 1e-2, clipNorm: 5), threads: threads)
    var rng = SeededRNG(seed: 42)
    for _ in 0..<5 { step.train(on: randomBatch(config: config, count: 11, rng: &rng)) }
    return fingerprint(model)
  }

  /// Recorded at f84c453 (before bf16 training) on an AMD EPYC with avx512_bf16 (OpenBLAS core
  /// `recordedKernel`). OpenBLAS picks its kernels per CPU, so on another kernel the test is skipped
  /// (and says so); record them again there on f84c453 to check that CPU too.
  static let recorded: [String: UInt64] = [
    "pepnet threads 1": 0xd4b5_3e31_3513_f289,
    "pepnet threads 2": 0xc605_7a66_bd6e_ddf8,
    "mmoe threads 1": 0x2d7b_0820_6e6b_8d26,
    "mmoe threads 2": 0xf84e_e2f3_89af_e7cd,
  ]

  /// The OpenBLAS kernel the fingerprints were recorded with; another kernel sums in another order.
  static let recordedKernel = "zen"

  @Test(
    .enabled(
      if: BLASKernelSelection.coreName.lowercased() == recordedKernel,
      "fingerprints recorded with OpenBLAS's \(recordedKernel) kernel"),
    arguments: [(Architecture.pepnet, 1), (.pepnet, 2), (.mmoe, 1), (.mmoe, 2)])
  func sameSeedTrainsTheSameWeights(architecture: Architecture, threads: Int) {
    let key = "\(architecture) threads \(threads)"
    let value = Self.trainedFingerprint(architecture: architecture, threads: threads)
    #expect(Self.recorded[key] == value, "\(key): 0x\(String(value, radix: 16))")
  }
}
