import PepnetNumerics

/// Experts mixed per task by a softmax gate, then a tower per task on the mixture: MMoE and PLE
/// share this code, since PLE with no task experts is MMoE.
///
/// `sharedExperts` experts read the input for every task; each task also has `taskExpertCount`
/// experts of its own. Task t's gate mixes its own experts and then the shared ones. Tensor names
/// (`<prefix>.gate<t>`, `<prefix>.tower<t>`, the experts as `Naming` says) are the weights file's.
public class ExpertMixtureModel: RecommenderModel {
  /// How the experts are named in the weights file.
  struct Naming {
    var prefix: String
    var sharedExpert: (Int) -> String
    var taskExpert: (_ task: Int, _ expert: Int) -> String
  }

  public let config: ModelConfig
  let input: ConcatenatedInput
  let sharedExperts: [MLP]
  let taskExperts: [[MLP]]
  let gates: [ExpertGate]
  let towers: [MLP]
  let logits: Matrix
  private let sharedGradients: [Matrix]
  private let taskGradients: [[Matrix]]
  private let mixtureGradients: [Matrix]
  private let logitColumn: Matrix

  init(config: ModelConfig, seed: UInt64, taskExpertCount: Int, naming: Naming) {
    self.config = config
    var rng = SeededRNG(seed: seed)
    input = ConcatenatedInput(config: config, rng: &rng)
    let inputWidth = input.width
    let k = config.expertCount
    let hidden = config.expertHidden
    sharedExperts = (0..<k).map {
      MLP(name: naming.sharedExpert($0), dims: [inputWidth] + hidden, activateLast: true, rng: &rng)
    }
    taskExperts = (0..<config.taskCount).map { t in
      (0..<taskExpertCount).map {
        MLP(name: naming.taskExpert(t, $0), dims: [inputWidth] + hidden, activateLast: true, rng: &rng)
      }
    }
    let width = hidden.last ?? inputWidth
    gates = (0..<config.taskCount).map {
      ExpertGate(
        name: "\(naming.prefix).gate\($0)", inputs: inputWidth, expertCount: k + taskExpertCount,
        expertWidth: width, rng: &rng)
    }
    towers = (0..<config.taskCount).map {
      MLP(
        name: "\(naming.prefix).tower\($0)", dims: [width] + config.tower + [1], activateLast: false,
        rng: &rng)
    }
    logits = Matrix(rows: 0, cols: config.taskCount)
    sharedGradients = (0..<k).map { _ in Matrix(rows: 0, cols: width) }
    taskGradients = (0..<config.taskCount).map { _ in
      (0..<taskExpertCount).map { _ in Matrix(rows: 0, cols: width) }
    }
    mixtureGradients = (0..<config.taskCount).map { _ in Matrix(rows: 0, cols: width) }
    logitColumn = Matrix(rows: 0, cols: 1)
  }

  public var parameters: [Parameter] {
    sharedExperts.flatMap(\.parameters) + taskExperts.flatMap { $0.flatMap(\.parameters) }
      + gates.flatMap(\.parameters) + towers.flatMap(\.parameters)
  }
  public var embeddingTables: [EmbeddingTable] { input.embeddings.tables }

  /// The experts task `t`'s gate mixes, in its order: the task's own, then the shared ones.
  private func experts(of t: Int) -> [Matrix] {
    taskExperts[t].map(\.output) + sharedExperts.map(\.output)
  }

  public func forward(_ batch: Batch) -> Matrix {
    input.forward(batch)
    for e in sharedExperts { e.forward(input.output.view) }
    logits.resize(rows: batch.count)
    for t in 0..<config.taskCount {
      for e in taskExperts[t] { e.forward(input.output.view) }
      gates[t].forward(input: input.output.view, experts: experts(of: t))
      towers[t].forward(gates[t].mixture.view)
      Kernels.copy(towers[t].output.view, into: logits.columns(t, 1))
    }
    return logits
  }

  public func backward(_ batch: Batch, logitGradient: Matrix) {
    let rows = batch.count
    input.prepareGradient(rows: rows)
    for g in sharedGradients + taskGradients.flatMap({ $0 }) {
      g.resize(rows: rows)
      g.zero()
    }
    logitColumn.resize(rows: rows)
    for t in 0..<config.taskCount {
      Kernels.copy(logitGradient.columns(t, 1), into: logitColumn.view)
      mixtureGradients[t].resize(rows: rows)
      towers[t].backward(
        input: gates[t].mixture.view, outputGradient: logitColumn.view,
        inputGradient: mixtureGradients[t].view)
      gates[t].backward(
        input: input.output.view, experts: experts(of: t), mixtureGradient: mixtureGradients[t],
        expertGradients: taskGradients[t] + sharedGradients, inputGradient: input.gradient.view)
      for (k, e) in taskExperts[t].enumerated() {
        e.backward(
          input: input.output.view, outputGradient: taskGradients[t][k].view,
          inputGradient: input.gradient.view, accumulate: true)
      }
    }
    for (k, e) in sharedExperts.enumerated() {
      e.backward(
        input: input.output.view, outputGradient: sharedGradients[k].view, inputGradient: input.gradient.view,
        accumulate: true)
    }
    input.backward(batch)
  }
}

/// MMoE (Ma et al., KDD 2018): `expertCount` shared experts (`expertHidden` widths), a softmax gate
/// per task over all experts, and a tower per task on its mixture.
public final class MMoEModel: ExpertMixtureModel {
  public init(config: ModelConfig, seed: UInt64) {
    super.init(
      config: config, seed: seed, taskExpertCount: 0,
      naming: Naming(prefix: "mmoe", sharedExpert: { "mmoe.expert\($0)" }, taskExpert: { _, _ in "" }))
  }
}

/// PLE (Tang et al., RecSys 2020) with one extraction level (CGC): `expertCount` shared experts
/// plus `expertCount` experts per task; task t's softmax gate mixes its own and the shared experts,
/// and its tower reads the mixture.
public final class PLEModel: ExpertMixtureModel {
  public init(config: ModelConfig, seed: UInt64) {
    super.init(
      config: config, seed: seed, taskExpertCount: config.expertCount,
      naming: Naming(
        prefix: "ple", sharedExpert: { "ple.shared_expert\($0)" }, taskExpert: { "ple.task\($0).expert\($1)" }
      ))
  }
}
