import Dispatch
import PepnetModel
import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a model forward on candidate batches and turns logits into probabilities.
///
/// With `threads > 1` each call is split into one shard per thread, run on weight-sharing
/// replicas of the model with single-threaded GEMMs (as training does): on two cores this keeps
/// both busy through the element-wise work too, and no BLAS thread spins between small GEMMs.
/// Callers bound memory by passing at most `chunkSize` rows at a time.
public final class Scorer {
  public let model: RecommenderModel
  public let chunkSize: Int
  private let workers: [RecommenderModel]
  private let shards: [Batch]

  public init(model: RecommenderModel, chunkSize: Int = 1024, threads: Int = 1) {
    self.model = model
    self.chunkSize = chunkSize
    var workers: [RecommenderModel] = [model]
    for _ in 1..<max(1, threads) {
      let replica = ModelFactory.make(config: model.config, seed: 0)
      replica.shareWeights(of: model)
      workers.append(replica)
    }
    self.workers = workers
    let config = model.config
    shards = workers.map { _ in
      Batch(
        capacity: 0, generalFieldCount: config.generalFields.count,
        domainSideFieldCount: config.domainSideFields.count, taskCount: config.taskCount)
    }
  }

  public var threads: Int { workers.count }

  /// Probabilities for `batch`, task-major: `result[task * batch.count + row]`.
  public func probabilities(_ batch: Batch, into result: inout [Float]) {
    let tasks = model.config.taskCount
    let n = batch.count
    if result.count != tasks * n { result = Array(repeating: 0, count: tasks * n) }
    let parts = n >= 64 * workers.count ? workers.count : 1
    result.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: parts) { s in
        let range = (n * s / parts)..<(n * (s + 1) / parts)
        let input: Batch
        if parts == 1 {
          input = batch
        } else {
          shards[s].copyRows(of: batch, range: range)
          input = shards[s]
        }
        let logits = workers[s].forward(input)
        for (k, r) in range.enumerated() {
          for t in 0..<tasks { out[t * n + r] = 1 / (1 + expf(-logits[k, t])) }
        }
      }
    }
  }
}
