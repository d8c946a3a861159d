import PepnetNumerics

/// MMoE (Ma et al., KDD 2018): `expertCount` shared experts (`expertHidden` widths), a softmax gate
/// per task over all experts, and a tower per task on its mixture.
public final class MMoEModel: RecommenderModel {
  public let config: ModelConfig
  let input: ConcatenatedInput
  let experts: [MLP]
  let gates: [ExpertGate]
  let towers: [MLP]
  let logits: Matrix
  private let expertGradients: [Matrix]
  private let mixtureGradients: [Matrix]
  private let logitColumn: Matrix

  public init(config: ModelConfig, seed: UInt64) {
    self.config = config
    var rng = SeededRNG(seed: seed)
    input = ConcatenatedInput(config: config, rng: &rng)
    let inputWidth = input.width
    experts = (0..<config.expertCount).map {
      MLP(name: "mmoe.expert\($0)", dims: [inputWidth] + config.expertHidden, activateLast: true, rng: &rng)
    }
    let width = config.expertHidden.last ?? inputWidth
    gates = (0..<config.taskCount).map {
      ExpertGate(
        name: "mmoe.gate\($0)", inputs: inputWidth, expertCount: config.expertCount, expertWidth: width,
        rng: &rng)
    }
    towers = (0..<config.taskCount).map {
      MLP(name: "mmoe.tower\($0)", dims: [width] + config.tower + [1], activateLast: false, rng: &rng)
    }
    logits = Matrix(rows: 0, cols: config.taskCount)
    expertGradients = (0..<config.expertCount).map { _ in Matrix(rows: 0, cols: width) }
    mixtureGradients = (0..<config.taskCount).map { _ in Matrix(rows: 0, cols: width) }
    logitColumn = Matrix(rows: 0, cols: 1)
  }

  public var parameters: [Parameter] {
    experts.flatMap(\.parameters) + gates.flatMap(\.parameters) + towers.flatMap(\.parameters)
  }
  public var embeddingTables: [EmbeddingTable] { input.embeddings.tables }

  public func forward(_ batch: Batch) -> Matrix {
    input.forward(batch)
    for e in experts { e.forward(input.output.view) }
    let outputs = experts.map(\.output)
    logits.resize(rows: batch.count)
    for t in 0..<config.taskCount {
      gates[t].forward(input: input.output.view, experts: outputs)
      towers[t].forward(gates[t].mixture.view)
      Kernels.copy(towers[t].output.view, into: logits.columns(t, 1))
    }
    return logits
  }

  public func backward(_ batch: Batch, logitGradient: Matrix) {
    let rows = batch.count
    input.prepareGradient(rows: rows)
    for g in expertGradients {
      g.resize(rows: rows)
      g.zero()
    }
    logitColumn.resize(rows: rows)
    let outputs = experts.map(\.output)
    for t in 0..<config.taskCount {
      Kernels.copy(logitGradient.columns(t, 1), into: logitColumn.view)
      mixtureGradients[t].resize(rows: rows)
      towers[t].backward(
        input: gates[t].mixture.view, outputGradient: logitColumn.view,
        inputGradient: mixtureGradients[t].view)
      gates[t].backward(
        input: input.output.view, experts: outputs, mixtureGradient: mixtureGradients[t],
        expertGradients: expertGradients, inputGradient: input.gradient.view)
    }
    for (k, e) in experts.enumerated() {
      e.backward(
        input: input.output.view, outputGradient: expertGradients[k].view, inputGradient: input.gradient.view,
        accumulate: true)
    }
    input.backward(batch)
  }
}
