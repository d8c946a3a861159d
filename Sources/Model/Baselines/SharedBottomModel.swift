import PepnetNumerics

/// The Shared-Bottom baseline: a bottom network shared by all tasks (`expertHidden` widths), then a
/// tower per task (`tower` widths, then one logit).
public final class SharedBottomModel: RecommenderModel {
  public let config: ModelConfig
  let input: ConcatenatedInput
  let bottom: MLP
  let towers: [MLP]
  let logits: Matrix
  private let bottomGradient: Matrix
  private let logitColumn: Matrix

  public init(config: ModelConfig, seed: UInt64) {
    self.config = config
    var rng = SeededRNG(seed: seed)
    input = ConcatenatedInput(config: config, rng: &rng)
    bottom = MLP(
      name: "shared_bottom.bottom", dims: [input.width] + config.expertHidden, activateLast: true, rng: &rng)
    let width = bottom.outputWidth
    towers = (0..<config.taskCount).map {
      MLP(
        name: "shared_bottom.tower\($0)", dims: [width] + config.tower + [1], activateLast: false, rng: &rng)
    }
    logits = Matrix(rows: 0, cols: config.taskCount)
    bottomGradient = Matrix(rows: 0, cols: width)
    logitColumn = Matrix(rows: 0, cols: 1)
  }

  public var parameters: [Parameter] { bottom.parameters + towers.flatMap(\.parameters) }
  public var embeddingTables: [EmbeddingTable] { input.embeddings.tables }

  public func forward(_ batch: Batch) -> Matrix {
    input.forward(batch)
    bottom.forward(input.output.view)
    logits.resize(rows: batch.count)
    for (t, tower) in towers.enumerated() {
      tower.forward(bottom.output.view)
      Kernels.copy(tower.output.view, into: logits.columns(t, 1))
    }
    return logits
  }

  public func backward(_ batch: Batch, logitGradient: Matrix) {
    bottomGradient.resize(rows: batch.count)
    bottomGradient.zero()
    logitColumn.resize(rows: batch.count)
    for (t, tower) in towers.enumerated() {
      Kernels.copy(logitGradient.columns(t, 1), into: logitColumn.view)
      tower.backward(
        input: bottom.output.view, outputGradient: logitColumn.view, inputGradient: bottomGradient.view,
        accumulate: true)
    }
    input.prepareGradient(rows: batch.count)
    bottom.backward(
      input: input.output.view, outputGradient: bottomGradient.view, inputGradient: input.gradient.view)
    input.backward(batch)
  }
}
