import Dispatch
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
/// each shard runs forward and backward on its own replica (the replicas share the model's weight
/// matrices but own their activations and gradients) with single-threaded GEMMs, and the
/// replicas' gradients are then added into the model's in a fixed order, so results do not depend
/// on thread timing. On two cores this beats two-threaded GEMMs on the whole batch: the
/// element-wise work runs in parallel too and no BLAS thread spins waiting for the next GEMM.
public final class TrainingStep {
  public let model: RecommenderModel
  public let optimizer: Optimizer
  public let loss: MultiTaskLoss
  /// `workers[0]` is the model itself; the others are replicas.
  private let workers: [RecommenderModel]
  private let shards: [Batch]
  private let logitGradients: [Matrix]
  private var shardLosses: [Double]
  public var times = PhaseTimes()

  public init(
    model: RecommenderModel, optimizer: OptimizerSettings, taskWeights: [Float]? = nil, threads: Int = 1
  ) {
    self.model = model
    self.optimizer = Optimizer(model: model, settings: optimizer)
    loss = MultiTaskLoss(taskWeights: taskWeights ?? Array(repeating: 1, count: model.config.taskCount))
    let count = max(1, threads)
    var workers: [RecommenderModel] = [model]
    for _ in 1..<count {
      let replica = ModelFactory.make(config: model.config, seed: 0)
      replica.shareWeights(of: model)
      workers.append(replica)
    }
    self.workers = workers
    let config = model.config
    shards = (0..<count).map { _ in
      Batch(config: config, capacity: 0)
    }
    logitGradients = (0..<count).map { _ in Matrix(rows: 0, cols: config.taskCount) }
    shardLosses = Array(repeating: 0, count: count)
  }

  public var threads: Int { workers.count }

  /// Trains on `batch` (forward, loss, backward, update) and returns its loss (before the update).
  @discardableResult
  public func train(on batch: Batch) -> Double {
    if workers.count == 1 { return trainSerially(on: batch) }
    let t0 = monotonicSeconds()
    let n = batch.count
    let parts = workers.count
    for s in 0..<parts { shards[s].copyRows(of: batch, range: (n * s / parts)..<(n * (s + 1) / parts)) }
    let t1 = monotonicSeconds()
    var forwardSeconds = 0.0
    shardLosses.withUnsafeMutableBufferPointer { losses in
      nonisolated(unsafe) let losses = losses
      DispatchQueue.concurrentPerform(iterations: parts) { s in
        let start = monotonicSeconds()
        let worker = workers[s]
        let shard = shards[s]
        let logits = worker.forward(shard)
        losses[s] = loss.evaluate(
          logits: logits, labels: shard.labels, mask: shard.labelMask, gradient: logitGradients[s],
          averagedOver: n)
        if s == 0 { forwardSeconds = monotonicSeconds() - start }
        worker.backward(shard, logitGradient: logitGradients[s])
      }
    }
    let t2 = monotonicSeconds()
    optimizer.step(absorbing: Array(workers.dropFirst()), threads: parts)
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
