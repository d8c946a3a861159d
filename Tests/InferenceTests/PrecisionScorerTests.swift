import Foundation
import PepnetInference
import PepnetModel
import PepnetNumerics
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The scorer's precision setting: fp32 is the forward pass inside an `FP32Inference` pass bit for
/// bit (before and after a bf16 pass on the same model and thread) and within a few ulps of the
/// training forward's OpenBLAS sums, and bf16 runs on oneDNN (different low bits) within a
/// bf16-sized distance of it, sharded or not.
@Suite struct PrecisionScorerTests {
  let config = ModelConfig(
    fields: [
      FieldSpec(name: "user", vocabularySize: 50, role: .general, isPrior: true),
      FieldSpec(name: "item", vocabularySize: 80, role: .general, isPrior: true),
      FieldSpec(name: "context", vocabularySize: 5, role: .general),
      FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
    ],
    tasks: ["like", "follow", "hate"], embeddingDim: 4, tower: [16, 8], epnetGateHidden: 8, ppnetGateHidden: 8
  )

  /// `sigmoid(model.forward(batch))`, task-major, computed as the scorer computes it: inside an
  /// `FP32Inference` pass (oneDNN), or with `openBLAS` as training does.
  func fp32Reference(_ model: RecommenderModel, _ batch: Batch, openBLAS: Bool = false) -> [Float] {
    let logits = openBLAS ? model.forward(batch) : FP32Inference().run { model.forward(batch) }
    let tasks = model.config.taskCount
    var out = [Float](repeating: 0, count: tasks * batch.count)
    for r in 0..<batch.count {
      for t in 0..<tasks { out[t * batch.count + r] = 1 / (1 + expf(-logits[r, t])) }
    }
    return out
  }

  @Test func fp32ScoresAreTheOneDNNForwardPassBitForBit() {
    let model = ModelFactory.make(config: config, seed: 3)
    var rng = SeededRNG(seed: 4)
    let batch = Batch.random(config: config, count: 200, positiveRate: 0.3, rng: &rng)
    let expected = fp32Reference(model, batch).map(\.bitPattern)
    var scores: [Float] = []
    let fp32 = Scorer(model: model, threads: 1, precision: .fp32)
    #expect(fp32.precision == .fp32)
    fp32.probabilities(batch, into: &scores)
    #expect(scores.map(\.bitPattern) == expected)
    let training = fp32Reference(model, batch, openBLAS: true)
    #expect(zip(scores, training).allSatisfy { abs($0 - $1) <= 1e-6 }, "within ulps of OpenBLAS's forward")
    if OneDNN.hasNativeBF16 {
      var bf16Scores: [Float] = []
      Scorer(model: model, threads: 1, precision: .bf16).probabilities(batch, into: &bf16Scores)
      fp32.probabilities(batch, into: &scores)
      #expect(scores.map(\.bitPattern) == expected, "a bf16 pass leaves nothing behind on this thread")
      #expect(fp32Reference(model, batch).map(\.bitPattern) == expected, "nor on the model")
    }
  }

  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func bf16ScoresStayCloseToFP32() {
    let model = ModelFactory.make(config: config, seed: 3)
    var rng = SeededRNG(seed: 5)
    let batch = Batch.random(config: config, count: 300, positiveRate: 0.3, rng: &rng)
    let fp32 = fp32Reference(model, batch)
    for threads in [1, 2] {
      let scorer = Scorer(model: model, threads: threads, precision: .bf16)
      #expect(scorer.precision == .bf16)
      var scores: [Float] = []
      for _ in 0..<2 { scorer.probabilities(batch, into: &scores) }
      let differences = zip(fp32, scores).map { abs($0 - $1) }
      let worst = differences.max() ?? .infinity
      #expect(worst < 0.02, "\(threads) threads: largest |Δp| \(worst)")
      #expect(differences.filter { $0 > 0 }.count > fp32.count / 2, "\(threads) threads: the bf16 path ran")
    }
  }

  @Test func autoAndFP32NeverGrantBF16WithoutTheHardware() {
    #expect(RequestedPrecision.fp32.resolved(autoPrefersBF16: true) == .fp32)
    #expect(RequestedPrecision.auto.resolved(autoPrefersBF16: false) == .fp32)
    let granted: Precision = OneDNN.hasNativeBF16 ? .bf16 : .fp32
    #expect(RequestedPrecision.bf16.resolved(autoPrefersBF16: false) == granted)
    #expect(RequestedPrecision.auto.resolved(autoPrefersBF16: true) == granted)
  }
}
