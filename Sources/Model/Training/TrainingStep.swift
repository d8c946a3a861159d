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
  public var times = PhaseTimes()

  public init(
    model: RecommenderModel, optimizer: OptimizerSettings, taskWeights: [Float]? = nil, threads: Int = 1
  ) {
    self.model = model
    self.optimizer = Optimizer(model: model, settings: optimizer)
    loss = MultiTaskLoss(taskWeights: taskWeights ?? Array(repeating: 1, count: model.config.taskCount))
    pool = ReplicaPool(model: model, threads: threads)
    logitGradients = (0..<pool.count).map { _ in Matrix(rows: 0, cols: model.config.taskCount) }
    shardLosses = Array(repeating: 0, count: pool.count)
  }

  public var threads: Int { pool.count }

  /// Trains on `batch` (forward, loss, backward, update) and returns its loss (before the update).
  @discardableResult
  public func train(on batch: Batch) -> Double {
    if pool.count == 1 { return trainSerially(on: batch) }
    let t0 = monotonicSeconds()
    var t1 = t0
    let n = batch.count
    let parts = pool.count
    var forwardSeconds = 0.0
    shardLosses.withUnsafeMutableBufferPointer { losses in
      nonisolated(unsafe) let losses = losses
      pool.forEachShard(of: batch, parts: parts, split: { t1 = monotonicSeconds() }) { s, worker, shard, _ in
        let start = monotonicSeconds()
        let logits = worker.forward(shard)
        losses[s] = loss.evaluate(
          logits: logits, labels: shard.labels, mask: shard.labelMask, gradient: logitGradients[s],
          averagedOver: n)
        if s == 0 { forwardSeconds = monotonicSeconds() - start }
        worker.backward(shard, logitGradient: logitGradients[s])
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
    let logits = model.forward(batch)
    let value = loss.evaluate(
      logits: logits, labels: batch.labels, mask: batch.labelMask, gradient: logitGradients[0])
    let t1 = monotonicSeconds()
    model.backward(batch, logitGradient: logitGradients[0])
    let t2 = monotonicSeconds()
    optimizer.step()
    let t3 = monotonicSeconds()
    times.forward += t1 - t0
    times.backward += t2 - t1
    times.optimizer += t3 - t2
    return value
  }
}
