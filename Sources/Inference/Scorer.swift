import PepnetModel
import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a model forward on candidate batches and turns logits into probabilities.
///
/// With `threads > 1` each call is split into one shard per thread, run on the weight-sharing
/// replicas of a `ReplicaPool` with single-threaded GEMMs (as training does): on two cores this keeps
/// both busy through the element-wise work too, and no BLAS thread spins between small GEMMs.
/// Callers bound memory by passing at most `chunkSize` rows at a time.
///
/// At `precision == .bf16` the model's weight matrices are converted to bf16 once, here, and every
/// shard runs its forward inside its own `BF16Inference` pass (oneDNN matmuls with one OpenMP
/// thread per shard; a single shard gets `BLASThreads.current` OpenMP threads, as OpenBLAS does).
/// At `.fp32` nothing of that exists and the forward pass is the fp32 one, bit for bit.
public final class Scorer {
  public let model: RecommenderModel
  public let chunkSize: Int
  public let precision: Precision
  /// The model and its replicas, one per thread.
  private let pool: ReplicaPool
  private let bf16Passes: [BF16Inference]

  /// `precision` is used as given: resolve a user's request with `RequestedPrecision.resolved`
  /// first, which grants bf16 only on CPUs with native bf16.
  public init(model: RecommenderModel, chunkSize: Int = 1024, threads: Int = 1, precision: Precision = .fp32)
  {
    self.model = model
    self.chunkSize = chunkSize
    self.precision = precision
    pool = ReplicaPool(model: model, threads: threads)
    if precision == .bf16 {
      let weights = Self.bf16Weights(of: model)
      bf16Passes = pool.workers.map { _ in BF16Inference(weights: weights) }
    } else {
      bf16Passes = []
    }
  }

  /// The bf16 copies of `model`'s dense weight matrices (the `W` of every Dense layer and gate).
  public static func bf16Weights(of model: RecommenderModel) -> BF16WeightSet {
    BF16WeightSet(model.parameters.filter { $0.name.hasSuffix(".weight") }.map(\.value))
  }

  public var threads: Int { pool.count }

  /// Probabilities for `batch`, task-major: `result[task * batch.count + row]`.
  public func probabilities(_ batch: Batch, into result: inout [Float]) {
    let tasks = model.config.taskCount
    let n = batch.count
    if result.count != tasks * n { result = Array(repeating: 0, count: tasks * n) }
    let parts = n >= 64 * pool.count ? pool.count : 1
    result.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      pool.forEachShard(of: batch, parts: parts) { s, worker, input, range in
        let logits: Matrix
        if bf16Passes.isEmpty {
          logits = worker.forward(input)
        } else {
          OneDNN.setThreadsForThisThread(parts == 1 ? BLASThreads.current : 1)
          logits = bf16Passes[s].run { worker.forward(input) }
        }
        for (k, r) in range.enumerated() {
          for t in 0..<tasks { out[t * n + r] = 1 / (1 + expf(-logits[k, t])) }
        }
      }
    }
  }
}
