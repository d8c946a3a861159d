import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Wall-clock seconds spent in each phase of training, accumulated over steps.
public struct PhaseTimes: Codable, Sendable, Equatable {
  public var forward = 0.0
  public var backward = 0.0
  public var optimizer = 0.0
  public var data = 0.0
  public init() {}
  public var total: Double { forward + backward + optimizer + data }
}

/// One optimisation step on a batch: forward, loss, backward, update.
///
/// With `threads > 1` the step is data-parallel: the batch is split into one shard per thread,
/// each shard runs forward and backward on its own replica of a `ReplicaPool` with single-threaded
/// GEMMs, and the replicas' gradients are then added into the model's in a fixed order, so results
/// do not depend on thread timing. On two cores this beats two-threaded GEMMs on the whole batch: the
/// element-wise work runs in parallel too and no BLAS thread spins waiting for the next GEMM.
public final class TrainingStep {
  public let model: RecommenderModel
  public let optimizer: Optimizer
  public let loss: MultiTaskLoss
  /// The model and its replicas, one per thread.
  private let pool: ReplicaPool
  private let logitGradients: [Matrix]
  private var shardLosses: [Double]
  /// The arithmetic of the GEMMs (everything else, and the master weights, stay fp32).
  public let precision: Precision
  /// For bf16: the weights' bf16 copies (converted once per step) and one pass per worker.
  private let bf16Weights: BF16TrainingWeights?
  private let bf16Passes: [BF16Training]
  public var times = PhaseTimes()

  /// `precision` is used as given: callers resolve a user's request first (`RequestedPrecision`),
  /// which falls back to fp32 on CPUs without native bf16.
  public init(
    model: RecommenderModel, optimizer: OptimizerSettings, taskWeights: [Float]? = nil, threads: Int = 1,
    precision: Precision = .fp32
  ) {
    self.model = model
    self.optimizer = Optimizer(model: model, settings: optimizer)
    loss = MultiTaskLoss(taskWeights: taskWeights ?? Array(repeating: 1, count: model.config.taskCount))
    pool = ReplicaPool(model: model, threads: threads)
    logitGradients = (0..<pool.count).map { _ in Matrix(rows: 0, cols: model.config.taskCount) }
    shardLosses = Array(repeating: 0, count: pool.count)
    self.precision = precision
    if precision == .bf16 {
      let weights = BF16TrainingWeights(model.parameters.filter { $0.name.hasSuffix(".weight") }.map(\.value))
      bf16Weights = weights
      bf16Passes = (0..<pool.count).map { _ in BF16Training(weights: weights) }
    } else {
      bf16Weights = nil
      bf16Passes = []
    }
  }

  /// Runs shard `s`'s forward and backward: as is for fp32; for bf16 inside worker `s`'s pass, with
  /// one oneDNN thread per shard (the shards are the parallelism), or as many as OpenBLAS may use
  /// when there is one shard.
  private func inPrecision<T>(shard s: Int, _ body: () -> T) -> T {
    guard precision == .bf16 else { return body() }
    OneDNN.setThreadsForThisThread(pool.count == 1 ? BLASThreads.current : 1)
    return bf16Passes[s].run(body)
  }

  public var threads: Int { pool.count }

  /// Trains on `batch` (forward, loss, backward, update) and returns its loss (before the update).
  @discardableResult
  public func train(on batch: Batch) -> Double {
    // The bf16 copies follow the master weights: converted once per step, before its GEMMs (here
    // rather than after the update, so weights set from outside, such as a resumed checkpoint's,
    // are picked up too).
    bf16Weights?.refresh()
    if pool.count == 1 { return trainSerially(on: batch) }
    let t0 = monotonicSeconds()
    var t1 = t0
    let n = batch.count
    let parts = pool.count
    var forwardSeconds = 0.0
    shardLosses.withUnsafeMutableBufferPointer { losses in
      nonisolated(unsafe) let losses = losses
      pool.forEachShard(of: batch, parts: parts, split: { t1 = monotonicSeconds() }) { s, worker, shard, _ in
        inPrecision(shard: s) {
          let start = monotonicSeconds()
          let logits = worker.forward(shard)
          losses[s] = loss.evaluate(
            logits: logits, labels: shard.labels, mask: shard.labelMask, gradient: logitGradients[s],
            averagedOver: n)
          if s == 0 { forwardSeconds = monotonicSeconds() - start }
          worker.backward(shard, logitGradient: logitGradients[s])
        }
      }
    }
    let t2 = monotonicSeconds()
    optimizer.step(absorbing: pool.replicas, threads: parts)
    let t3 = monotonicSeconds()
    times.data += t1 - t0
    times.forward += forwardSeconds
    times.backward += (t2 - t1) - forwardSeconds
    times.optimizer += t3 - t2
    return shardLosses.reduce(0, +)
  }

  private func trainSerially(on batch: Batch) -> Double {
    let t0 = monotonicSeconds()
    var t1 = t0
    let value = inPrecision(shard: 0) {
      let logits = model.forward(batch)
      let value = loss.evaluate(
        logits: logits, labels: batch.labels, mask: batch.labelMask, gradient: logitGradients[0])
      t1 = monotonicSeconds()
      model.backward(batch, logitGradient: logitGradients[0])
      return value
    }
    let t2 = monotonicSeconds()
    optimizer.step()
    let t3 = monotonicSeconds()
    times.forward += t1 - t0
    times.backward += t2 - t1
    times.optimizer += t3 - t2
    return value
  }
}
