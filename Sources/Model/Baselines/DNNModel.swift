import PepnetNumerics

/// The DNN baseline: one network shared by all tasks (`tower` widths) and a linear head per task.
public final class DNNModel: RecommenderModel {
  public let config: ModelConfig
  let input: ConcatenatedInput
  let body: MLP
  let heads: Dense
  let logits: Matrix
  private let bodyGradient: Matrix

  public init(config: ModelConfig, seed: UInt64) {
    self.config = config
    var rng = SeededRNG(seed: seed)
    input = ConcatenatedInput(config: config, rng: &rng)
    body = MLP(name: "dnn.body", dims: [input.width] + config.tower, activateLast: true, rng: &rng)
    // One output unit per task: the heads are one Dense whose columns are the tasks.
    heads = Dense(name: "dnn.heads", inputs: body.outputWidth, outputs: config.taskCount, rng: &rng)
    logits = Matrix(rows: 0, cols: config.taskCount)
    bodyGradient = Matrix(rows: 0, cols: body.outputWidth)
  }

  public var parameters: [Parameter] { body.parameters + heads.parameters }
  public var embeddingTables: [EmbeddingTable] { input.embeddings.tables }

  public func forward(_ batch: Batch) -> Matrix {
    input.forward(batch)
    body.forward(input.output.view)
    logits.resize(rows: batch.count)
    heads.forward(body.output.view, into: logits.view)
    return logits
  }

  public func backward(_ batch: Batch, logitGradient: Matrix) {
    bodyGradient.resize(rows: batch.count)
    heads.backward(
      input: body.output.view, outputGradient: logitGradient.view, inputGradient: bodyGradient.view)
    input.prepareGradient(rows: batch.count)
    body.backward(
      input: input.output.view, outputGradient: bodyGradient.view, inputGradient: input.gradient.view)
    input.backward(batch)
  }
}
