import Dispatch
import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Which update rule the embedding tables use. Both touch only the rows a batch used.
public enum EmbeddingOptimizer: String, Codable, Sendable, CaseIterable {
  /// Adam with moments updated only on touched rows (TensorFlow's LazyAdam).
  case lazyAdam = "lazy-adam"
  /// Adagrad on touched rows.
  case adagrad
}

/// Settings of the optimiser.
public struct OptimizerSettings: Codable, Sendable, Equatable {
  public var learningRate: Float
  public var embeddingLearningRate: Float
  /// Learning rate of the Gate NU networks (`isGateParameter`): EPNet's and PPNet's gates learn
  /// at this rate, the rest of the dense parameters at `learningRate` (issue 16).
  public var gateLearningRate: Float
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float
  /// L2 penalty added to the gradient (`grad += l2 * w`) of dense weights.
  public var l2: Float
  /// L2 penalty on the Gate NU parameters (`isGateParameter`) in place of `l2` (the same unless
  /// set): regularises the gates alone, towards gates of `gamma * sigmoid(0)` (issue 16).
  public var gateL2: Float
  /// L2 penalty added to the gradient of touched embedding rows (the same as `l2` unless set).
  /// The id embeddings (users, items, authors) are what overfits on a small log: they have the
  /// most parameters per training example.
  public var embeddingL2: Float
  /// Clip the global gradient norm to this value (0 = no clipping).
  public var clipNorm: Float
  public var embeddingRule: EmbeddingOptimizer

  public init(
    learningRate: Float = 1e-3, embeddingLearningRate: Float? = nil, gateLearningRate: Float? = nil,
    beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, l2: Float = 0, embeddingL2: Float? = nil,
    gateL2: Float? = nil, clipNorm: Float = 0, embeddingRule: EmbeddingOptimizer = .lazyAdam
  ) {
    self.learningRate = learningRate
    self.embeddingLearningRate = embeddingLearningRate ?? learningRate
    self.gateLearningRate = gateLearningRate ?? learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.l2 = l2
    self.embeddingL2 = embeddingL2 ?? l2
    self.gateL2 = gateL2 ?? l2
    self.clipNorm = clipNorm
    self.embeddingRule = embeddingRule
  }

  enum CodingKeys: String, CodingKey {
    case learningRate, embeddingLearningRate, gateLearningRate, beta1, beta2, epsilon, l2, embeddingL2,
      gateL2, clipNorm
    case embeddingRule
  }

  /// Bundles written before `embeddingL2` existed decode with `embeddingL2 = l2`, before
  /// `gateLearningRate` existed with `gateLearningRate = learningRate`, before `gateL2` existed
  /// with `gateL2 = l2`.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    learningRate = try c.decode(Float.self, forKey: .learningRate)
    embeddingLearningRate = try c.decode(Float.self, forKey: .embeddingLearningRate)
    gateLearningRate = try c.decodeIfPresent(Float.self, forKey: .gateLearningRate) ?? learningRate
    beta1 = try c.decode(Float.self, forKey: .beta1)
    beta2 = try c.decode(Float.self, forKey: .beta2)
    epsilon = try c.decode(Float.self, forKey: .epsilon)
    l2 = try c.decode(Float.self, forKey: .l2)
    embeddingL2 = try c.decodeIfPresent(Float.self, forKey: .embeddingL2) ?? l2
    gateL2 = try c.decodeIfPresent(Float.self, forKey: .gateL2) ?? l2
    clipNorm = try c.decode(Float.self, forKey: .clipNorm)
    embeddingRule = try c.decode(EmbeddingOptimizer.self, forKey: .embeddingRule)
  }
}

/// Adam for the dense parameters and a sparse rule (lazy Adam or Adagrad) for the embedding
/// tables; optional L2 and global gradient-norm clipping. `step` applies the update and clears the
/// gradients, ready for the next batch.
public final class Optimizer {
  public var settings: OptimizerSettings
  public private(set) var stepCount = 0
  private let parameters: [Parameter]
  /// Per parameter: whether it belongs to a Gate NU (and learns at `gateLearningRate`).
  private let isGate: [Bool]
  private let tables: [EmbeddingTable]

  /// Whether a dense parameter belongs to EPNet's or PPNet's Gate NU (docs/model-format.md names
  /// them `epnet.gate.*` and `ppnet.gate.*`).
  public static func isGateParameter(_ name: String) -> Bool {
    name.hasPrefix("epnet.gate.") || name.hasPrefix("ppnet.gate.")
  }

  public init(model: RecommenderModel, settings: OptimizerSettings) {
    self.settings = settings
    parameters = model.parameters
    isGate = parameters.map { Self.isGateParameter($0.name) }
    tables = model.embeddingTables
    for p in parameters {
      p.firstMoment = Matrix(rows: p.value.rows, cols: p.value.cols)
      p.secondMoment = Matrix(rows: p.value.rows, cols: p.value.cols)
    }
    for t in tables {
      t.secondMoment = Matrix(rows: t.vocabularySize, cols: t.dim)
      if settings.embeddingRule == .lazyAdam { t.firstMoment = Matrix(rows: t.vocabularySize, cols: t.dim) }
    }
  }

  /// The global L2 norm of all current gradients (dense and touched embedding rows), after L2.
  public func gradientNorm() -> Double {
    var sum = 0.0
    for p in parameters { sum += Kernels.sumOfSquares(p.grad.data, count: p.grad.count) }
    for t in tables {
      for id in t.touchedRows { sum += Kernels.sumOfSquares(t.gradientRow(Int(id)), count: t.dim) }
    }
    return sum.squareRoot()
  }

  /// Applies one update from the accumulated gradients, then zeroes them. Returns the gradient norm
  /// before clipping when clipping is on (it has to be computed then), else nil.
  ///
  /// `replicas` are data-parallel replicas whose gradients are added in first (in order, so the
  /// result is deterministic); `threads` splits the dense parameters across threads.
  @discardableResult
  public func step(absorbing replicas: [RecommenderModel] = [], threads: Int = 1) -> Double? {
    stepCount += 1
    let s = settings
    let replicaParameters = replicas.map(\.parameters)
    // Dense parameters are partitioned into `threads` groups of similar size.
    let groups = partition(threads: max(1, threads))
    DispatchQueue.concurrentPerform(iterations: groups.count) { g in
      SubnormalFloats.flushToZero()
      for i in groups[g] {
        for r in replicaParameters { parameters[i].absorbGradient(of: r[i]) }
      }
    }
    for replica in replicas {
      for (t, u) in zip(tables, replica.embeddingTables) { t.absorbGradients(of: u) }
    }
    if s.l2 > 0 || s.gateL2 > 0 {
      for (i, p) in parameters.enumerated() {
        let l2 = isGate[i] ? s.gateL2 : s.l2
        if l2 > 0 { Kernels.axpy(l2, p.value.data, p.grad.data, count: p.value.count) }
      }
    }
    if s.embeddingL2 > 0 {
      for t in tables {
        for id in t.touchedRows {
          Kernels.axpy(s.embeddingL2, t.weights.row(Int(id)), t.gradientRow(Int(id)), count: t.dim)
        }
      }
    }
    var norm: Double? = nil
    var clip: Float = 1
    if s.clipNorm > 0 {
      let n = gradientNorm()
      norm = n
      if n > Double(s.clipNorm) { clip = Float(Double(s.clipNorm) / n) }
    }
    let t = Float(stepCount)
    let correction1 = 1 - pow(s.beta1, t)
    let correction2 = 1 - pow(s.beta2, t)
    let stepSize = s.learningRate * correction2.squareRoot() / correction1
    let gateStepSize = s.gateLearningRate * correction2.squareRoot() / correction1
    let epsilonHat = s.epsilon * correction2.squareRoot()
    DispatchQueue.concurrentPerform(iterations: groups.count) { g in
      for i in groups[g] {
        let p = parameters[i]
        adamUpdate(
          value: p.value.data, grad: p.grad.data, m: p.firstMoment!.data, v: p.secondMoment!.data,
          count: p.value.count, stepSize: isGate[i] ? gateStepSize : stepSize, clip: clip,
          epsilonHat: epsilonHat)
        p.grad.zero()
      }
    }
    let embeddingStep = s.embeddingLearningRate * correction2.squareRoot() / correction1
    for table in tables {
      let d = table.dim
      for id in table.touchedRows {
        let row = Int(id)
        let w = table.weights.row(row)
        let g = table.gradientRow(row)
        switch s.embeddingRule {
        case .lazyAdam:
          adamUpdate(
            value: w, grad: g, m: table.firstMoment!.row(row), v: table.secondMoment!.row(row), count: d,
            stepSize: embeddingStep, clip: clip, epsilonHat: epsilonHat)
        case .adagrad:
          let acc = table.secondMoment!.row(row)
          for j in 0..<d {
            let gj = g[j] * clip
            acc[j] += gj * gj
            w[j] -= s.embeddingLearningRate * gj / (acc[j].squareRoot() + 1e-10)
          }
        }
      }
      table.clearGradients()
    }
    return norm
  }

  /// Splits the dense parameter indices into `threads` groups of about equal element count.
  private func partition(threads: Int) -> [[Int]] {
    if threads == 1 { return [Array(parameters.indices)] }
    var groups = Array(repeating: [Int](), count: threads)
    var sizes = Array(repeating: 0, count: threads)
    for i in parameters.indices.sorted(by: { parameters[$0].value.count > parameters[$1].value.count }) {
      let g = sizes.indices.min(by: { sizes[$0] < sizes[$1] })!
      groups[g].append(i)
      sizes[g] += parameters[i].value.count
    }
    return groups
  }

  /// The optimiser's state besides `stepCount`, as named tensors for a checkpoint: Adam's moments
  /// of every dense parameter (`<name>.m`, `<name>.v`) and of every embedding table (`.v` only
  /// under Adagrad). The matrices are the live buffers, so a checkpoint loader copies into them.
  public var stateTensors: [(name: String, value: Matrix)] {
    var tensors: [(name: String, value: Matrix)] = []
    for p in parameters {
      tensors.append((p.name + ".m", p.firstMoment!))
      tensors.append((p.name + ".v", p.secondMoment!))
    }
    for t in tables {
      if let m = t.firstMoment { tensors.append((t.name + ".m", m)) }
      tensors.append((t.name + ".v", t.secondMoment!))
    }
    return tensors
  }

  /// Continues from a checkpoint taken after `steps` updates (Adam's bias correction depends on it).
  public func resume(afterSteps steps: Int) {
    precondition(steps >= 0)
    stepCount = steps
  }

  /// Clears gradients without updating (for example after a rejected step).
  public func zeroGradients() {
    for p in parameters { p.grad.zero() }
    for t in tables { t.clearGradients() }
  }

  @inline(__always)
  private func adamUpdate(
    value w: UnsafeMutablePointer<Float>, grad g: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
    v: UnsafeMutablePointer<Float>, count n: Int, stepSize: Float, clip: Float, epsilonHat: Float
  ) {
    let b1 = settings.beta1
    let b2 = settings.beta2
    for i in 0..<n {
      let gi = g[i] * clip
      m[i] = b1 * m[i] + (1 - b1) * gi
      v[i] = b2 * v[i] + (1 - b2) * gi * gi
      w[i] -= stepSize * m[i] / (v[i].squareRoot() + epsilonHat)
    }
  }
}
