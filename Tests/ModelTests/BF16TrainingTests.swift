import PepnetNumerics
import Testing

@testable import PepnetModel

/// bf16 training: its gradients stay within bf16's rounding of the fp32 ones (the fp32 gradients
/// are themselves checked against finite differences by the gradient tests), and it learns.
@Suite struct BF16TrainingTests {
  /// The dense parameters' gradients of one forward and backward pass on `batch`, at `precision`.
  static func gradients(
    _ model: RecommenderModel, _ batch: Batch, precision: Precision
  ) -> (loss: Double, gradients: [[Float]]) {
    for p in model.parameters { p.grad.zero() }
    let loss = MultiTaskLoss(taskWeights: Array(repeating: 1, count: model.config.taskCount))
    let logitGradient = Matrix(rows: 0, cols: model.config.taskCount)
    func pass() -> Double {
      let value = loss.evaluate(
        logits: model.forward(batch), labels: batch.labels, mask: batch.labelMask, gradient: logitGradient)
      model.backward(batch, logitGradient: logitGradient)
      return value
    }
    let value: Double
    if precision == .bf16 {
      let weights = BF16TrainingWeights(model.parameters.filter { $0.name.hasSuffix(".weight") }.map(\.value))
      value = BF16Training(weights: weights).run(pass)
    } else {
      value = pass()
    }
    return (
      value, model.parameters.map { Array(UnsafeBufferPointer(start: $0.grad.data, count: $0.grad.count)) }
    )
  }

  /// Relative L2 distance `|a - b| / |b|` (0 when both are zero).
  static func relativeDistance(_ a: [Float], _ b: [Float]) -> Double {
    var difference = 0.0
    var norm = 0.0
    for (x, y) in zip(a, b) {
      difference += Double(x - y) * Double(x - y)
      norm += Double(y) * Double(y)
    }
    return norm == 0 ? (difference == 0 ? 0 : .infinity) : (difference / norm).squareRoot()
  }

  /// bf16 keeps 8 significant bits (relative rounding up to 2^-9, about 0.002, per operand); through
  /// the network's layers the parameters' gradients move by a few times that. Stated tolerance: 3%
  /// relative L2 per parameter, 1% over all of them, and the loss to 0.5%.
  @Test(
    .enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"),
    arguments: [Architecture.pepnet, .mmoe])
  func gradientsStayWithinBF16RoundingOfFP32(architecture: Architecture) {
    let config = smallConfig(architecture: architecture)
    let model = ModelFactory.make(config: config, seed: 17)
    var rng = SeededRNG(seed: 18)
    let batch = randomBatch(config: config, count: 24, rng: &rng)
    let fp32 = Self.gradients(model, batch, precision: .fp32)
    let bf16 = Self.gradients(model, batch, precision: .bf16)
    #expect(abs(bf16.loss - fp32.loss) <= 5e-3 * fp32.loss, "loss \(bf16.loss) vs \(fp32.loss)")
    var worst = 0.0
    for (p, (a, b)) in zip(model.parameters, zip(bf16.gradients, fp32.gradients)) {
      let distance = Self.relativeDistance(a, b)
      worst = max(worst, distance)
      #expect(distance <= 0.03, "\(p.name): relative distance \(distance)")
    }
    let overall = Self.relativeDistance(bf16.gradients.flatMap { $0 }, fp32.gradients.flatMap { $0 })
    #expect(overall <= 0.01, "all gradients: relative distance \(overall)")
    // The bf16 path ran: rounding moved the gradients (bit-identical ones would mean fp32 ran).
    #expect(overall > 0, "bf16 gradients equal fp32 ones exactly")
    print("bf16 gradients, \(architecture): worst parameter \(worst), overall \(overall)")
  }

  @Test(
    .enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"),
    arguments: [1, 2])
  func bf16TrainingLearnsLikeFP32(threads: Int) {
    let config = smallConfig()
    var rng = SeededRNG(seed: 23)
    let batches = (0..<4).map { _ in randomBatch(config: config, count: 32, rng: &rng) }
    func train(_ precision: Precision) -> (first: Double, last: Double, model: RecommenderModel) {
      let model = ModelFactory.make(config: config, seed: 29)
      let step = TrainingStep(
        model: model, optimizer: OptimizerSettings(learningRate: 1e-2), threads: threads, precision: precision
      )
      #expect(step.precision == precision)
      var losses: [Double] = []
      for _ in 0..<40 { for batch in batches { losses.append(step.train(on: batch)) } }
      let first = losses.prefix(batches.count).reduce(0, +)
      let last = losses.suffix(batches.count).reduce(0, +)
      return (first, last, model)
    }
    let bf16 = train(.bf16)
    let fp32 = train(.fp32)
    #expect(bf16.last < 0.7 * bf16.first, "bf16 loss \(bf16.first) -> \(bf16.last)")
    #expect(abs(bf16.last - fp32.last) <= 0.1 * fp32.first, "bf16 \(bf16.last) vs fp32 \(fp32.last)")
    // The two runs did differ (the bf16 path ran, on every thread).
    let moved = zip(bf16.model.parameters, fp32.model.parameters).contains { a, b in
      (0..<a.value.count).contains { a.value.data[$0] != b.value.data[$0] }
    }
    #expect(moved)
  }
}
