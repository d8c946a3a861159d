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

/// A monotonic clock in seconds.
@inline(__always) public func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// One optimisation step on a batch: forward, loss, backward, update. Owns the logit-gradient
/// buffer so that steps allocate nothing.
public final class TrainingStep {
  public let model: RecommenderModel
  public let optimizer: Optimizer
  public let loss: MultiTaskLoss
  private let logitGradient: Matrix
  public var times = PhaseTimes()

  public init(model: RecommenderModel, optimizer: OptimizerSettings, taskWeights: [Float]? = nil) {
    self.model = model
    self.optimizer = Optimizer(model: model, settings: optimizer)
    loss = MultiTaskLoss(taskWeights: taskWeights ?? Array(repeating: 1, count: model.config.taskCount))
    logitGradient = Matrix(rows: 0, cols: model.config.taskCount)
  }

  /// Runs one step and returns the batch loss (before the update).
  @discardableResult
  public func run(_ batch: Batch) -> Double {
    let t0 = monotonicSeconds()
    let logits = model.forward(batch)
    let value = loss.evaluate(logits: logits, labels: batch.labels, mask: batch.labelMask, gradient: logitGradient)
    let t1 = monotonicSeconds()
    model.backward(batch, logitGradient: logitGradient)
    let t2 = monotonicSeconds()
    optimizer.step()
    let t3 = monotonicSeconds()
    times.forward += t1 - t0
    times.backward += t2 - t1
    times.optimizer += t3 - t2
    return value
  }
}
