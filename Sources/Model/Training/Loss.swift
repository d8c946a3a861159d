import PepnetNumerics

/// The multi-task loss: for each task t, weight_t times the binary cross-entropy of its logit,
/// summed over tasks and averaged over the batch's samples. Missing labels (mask 0) contribute
/// nothing. Computed from logits in the numerically stable form
/// `max(z, 0) - z y + log(1 + exp(-|z|))`.
public struct MultiTaskLoss {
  public var taskWeights: [Float]

  public init(taskWeights: [Float]) { self.taskWeights = taskWeights }

  /// Returns the loss and writes dLoss/dLogits into `gradient` (resized to the batch).
  /// `averagedOver` is the number of samples the loss is averaged over: the batch's own rows by
  /// default, the whole batch when this is one shard of it.
  @discardableResult
  public func evaluate(
    logits: Matrix, labels: Matrix, mask: Matrix, gradient: Matrix?, averagedOver: Int? = nil
  ) -> Double {
    let rows = logits.rows
    let tasks = logits.cols
    precondition(taskWeights.count == tasks, "one weight per task")
    gradient?.resize(rows: rows)
    let denominator = averagedOver ?? rows
    let scale = denominator > 0 ? 1 / Float(denominator) : 0
    var total = 0.0
    for r in 0..<rows {
      for t in 0..<tasks {
        let i = r * tasks + t
        let m = mask.data[i]
        let z = logits.data[i]
        let y = labels.data[i]
        if m != 0 {
          let loss = Double(max(z, 0) - z * y) + log1p(exp(-Double(abs(z))))
          total += Double(taskWeights[t] * m) * loss
        }
        if let gradient {
          let p = 1 / (1 + exp(-z))
          gradient.data[i] = m * taskWeights[t] * (p - y) * scale
        }
      }
    }
    return total * Double(scale)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
