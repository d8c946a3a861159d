import PepnetNumerics
import Testing

@testable import PepnetModel

/// The `pepnet-prior-gates-only` ablation (issue 16): the towers read O_ep with the prior fields'
/// columns zeroed, so the prior ids reach them only through PPNet's gates. Checked against finite
/// differences, and against its definition: the same network as PEPNet whose towers' first-layer
/// weights on the prior columns are zero, forward and backward, in fp32 and bf16 training and in
/// the fp32 and bf16 scoring passes.
@Suite struct PriorGatesOnlyTests {
  static let variants: [(String, ModelConfig)] = [
    ("paper default", smallConfig(architecture: .pepnetPriorGatesOnly)),
    (
      "post-gating, per task, final ungated",
      smallConfig(architecture: .pepnetPriorGatesOnly, placement: .post, gating: .perTask, gateFinal: false)
    ),
  ]

  @Test(arguments: 0..<variants.count)
  func matchesFiniteDifferencesWithFrozenStopGradientInputs(index: Int) {
    let (label, config) = Self.variants[index]
    let model = PEPNet(config: config, seed: 11)
    #expect(!model.ppnet.towerMaskedColumns.isEmpty)
    let bad = frozenStopGradientMismatches(model)
    #expect(bad.isEmpty, "\(label): \(bad.count) mismatches, first \(bad.prefix(4))")
  }

  /// The prior fields' columns of the towers' input, as the model masks them.
  @Test func masksExactlyThePriorFieldsColumns() {
    let config = smallConfig(architecture: .pepnetPriorGatesOnly)
    let d = config.embeddingDim
    // General fields: user (prior), item (prior), context, author (prior).
    #expect(PEPNet(config: config, seed: 1).ppnet.towerMaskedColumns == [0..<d, d..<2 * d, 3 * d..<4 * d])
    #expect(PEPNet(config: smallConfig(), seed: 1).ppnet.towerMaskedColumns.isEmpty)
  }

  /// Logits and every gradient of one pass, by parameter or embedding table name.
  static func pass(_ model: PEPNet, _ batch: Batch, precision: Precision) -> (
    logits: [Float], gradients: [String: [Float]]
  ) {
    for p in model.parameters { p.grad.zero() }
    for t in model.embeddingTables { t.clearGradients() }
    let loss = MultiTaskLoss(taskWeights: [1, 0.7])
    let logitGradient = Matrix(rows: 0, cols: model.config.taskCount)
    var logits: [Float] = []
    func run() {
      let out = model.forward(batch)
      logits = out.toArray()
      loss.evaluate(logits: out, labels: batch.labels, mask: batch.labelMask, gradient: logitGradient)
      model.backward(batch, logitGradient: logitGradient)
    }
    let weights = model.parameters.filter { $0.name.hasSuffix(".weight") }.map(\.value)
    if precision == .bf16 {
      BF16Training(weights: BF16TrainingWeights(weights)).run(run)
    } else {
      run()
    }
    var gradients: [String: [Float]] = [:]
    for p in model.parameters { gradients[p.name] = p.grad.toArray() }
    for t in model.embeddingTables {
      gradients[t.name] = (0..<t.vocabularySize).flatMap { t.gradient(row: $0) }
    }
    return (logits, gradients)
  }

  /// Masking the towers' input is PEPNet with the towers' first-layer weights on the prior columns
  /// set to zero: same logits, same gradients for everything but those weights, whose gradient is
  /// zero in the ablation (the towers never see those columns) and not in the reference. Without the
  /// mask in forward the logits differ; without it in backward the embeddings' gradients do.
  /// A `pepnet-prior-gates-only` model and a `pepnet` one with the same weights, except that the
  /// reference's towers' first-layer weights on the prior columns are zero.
  static func maskedAndReference(_ config: ModelConfig) throws -> (masked: PEPNet, reference: PEPNet) {
    let masked = PEPNet(config: config, seed: 31)
    var referenceConfig = config
    referenceConfig.architecture = .pepnet
    let reference = PEPNet(config: referenceConfig, seed: 99)
    let own = Dictionary(uniqueKeysWithValues: masked.parameters.map { ($0.name, $0) })
    for p in reference.parameters { p.value.copy(from: try #require(own[p.name]).value) }
    for (a, b) in zip(reference.embeddingTables, masked.embeddingTables) { a.weights.copy(from: b.weights) }
    let maskedRows = masked.ppnet.towerMaskedColumns.flatMap { Array($0) }
    for w in reference.ppnet.layers.map({ $0[0].weight.value }) {
      for i in maskedRows { for j in 0..<w.cols { w[i, j] = 0 } }
    }
    return (masked, reference)
  }

  @Test(arguments: [Precision.fp32, .bf16])
  func equalsPEPNetWithTheTowersPriorWeightsZeroed(precision: Precision) throws {
    if precision == .bf16 && !OneDNN.hasNativeBF16 { return }
    let config = smallConfig(architecture: .pepnetPriorGatesOnly)
    let (masked, reference) = try Self.maskedAndReference(config)
    let maskedRows = masked.ppnet.towerMaskedColumns.flatMap { Array($0) }
    var rng = SeededRNG(seed: 32)
    let batch = randomBatch(config: config, count: 24, rng: &rng)
    let a = Self.pass(masked, batch, precision: precision)
    let b = Self.pass(reference, batch, precision: precision)
    let tolerance: Float = precision == .bf16 ? 1e-4 : 1e-6
    func close(_ x: [Float], _ y: [Float]) -> Bool {
      x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0), abs($1)) }
    }
    #expect(close(a.logits, b.logits), "logits")
    let cols = config.tower[0]
    for (name, g) in a.gradients {
      let h = try #require(b.gradients[name])
      if name.hasSuffix(".layer0.weight") {
        let onPrior = maskedRows.flatMap { i in (0..<cols).map { g[i * cols + $0] } }
        let referenceOnPrior = maskedRows.flatMap { i in (0..<cols).map { h[i * cols + $0] } }
        #expect(onPrior.allSatisfy { $0 == 0 }, "\(name): gradient on the masked rows")
        #expect(referenceOnPrior.contains { $0 != 0 }, "\(name): the reference's gradient there is not zero")
        let others = Set(0..<g.count).subtracting(
          maskedRows.flatMap { i in (0..<cols).map { i * cols + $0 } })
        let order = others.sorted()
        #expect(close(order.map { g[$0] }, order.map { h[$0] }), "\(name)")
      } else {
        #expect(close(g, h), "\(name)")
      }
    }
  }

  /// Scoring (the oneDNN matmuls with fused gate, bias and ReLU that `rank` and the explorer run,
  /// fp32 and bf16) masks the towers' input too: the same logits as the zeroed-weight reference.
  @Test(arguments: [Precision.fp32, .bf16])
  func scoringPassesMaskTheTowersInput(precision: Precision) throws {
    if precision == .bf16 && !OneDNN.hasNativeBF16 { return }
    let config = smallConfig(architecture: .pepnetPriorGatesOnly)
    let (masked, reference) = try Self.maskedAndReference(config)
    // Larger embeddings, so that the prior columns, if they reached the towers, would move the logits
    // far more than bf16's rounding does.
    for table in masked.embeddingTables + reference.embeddingTables {
      for i in 0..<table.weights.count { table.weights.data[i] *= 8 }
    }
    var rng = SeededRNG(seed: 33)
    let batch = randomBatch(config: config, count: 24, rng: &rng)
    func score(_ model: PEPNet) -> [Float] {
      let weights = model.parameters.filter { $0.name.hasSuffix(".weight") }.map(\.value)
      switch precision {
      case .fp32: return FP32Inference().run { model.forward(batch).toArray() }
      case .bf16: return BF16Inference(weights: BF16WeightSet(weights)).run { model.forward(batch).toArray() }
      }
    }
    let a = score(masked)
    let b = score(reference)
    let tolerance: Float = precision == .bf16 ? 1e-3 : 1e-5
    #expect(a.count == b.count)
    let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
    #expect(worst <= tolerance, "largest relative logit difference \(worst)")
  }
}
