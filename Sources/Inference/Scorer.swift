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
/// Every shard runs its forward inside its own oneDNN pass (`pass(for:model:)`; oneDNN matmuls with
/// one OpenMP thread per shard; a single shard gets `BLASThreads.current` OpenMP threads, as
/// OpenBLAS does): at `.bf16` with the model's weight matrices converted to bf16 once, here; at
/// `.fp32` oneDNN's fp32 matmul, with the weights reordered once per thread. The fp32 scores are
/// therefore oneDNN's, not the training forward's OpenBLAS sums: they differ by a few ulps.
public final class Scorer {
  public let model: RecommenderModel
  public let chunkSize: Int
  public let precision: Precision
  /// The model and its replicas, one per thread.
  private let pool: ReplicaPool
  private let passes: [InferencePass]
  /// The padded copy of a batch whose shards are not whole `rowBlock`s.
  private let padding: Batch

  /// `precision` is used as given: resolve a user's request with `RequestedPrecision.resolved`
  /// first, which grants bf16 only on CPUs with native bf16.
  public init(model: RecommenderModel, chunkSize: Int = 1024, threads: Int = 1, precision: Precision = .fp32)
  {
    self.model = model
    self.chunkSize = chunkSize
    self.precision = precision
    pool = ReplicaPool(model: model, threads: threads)
    padding = Batch(config: model.config, capacity: 0)
    let weights = precision == .bf16 ? Self.bf16Weights(of: model) : nil
    passes = pool.workers.map { _ in Self.pass(for: precision, model: model, bf16Weights: weights) }
  }

  /// A new oneDNN pass at `precision` over `model` (for one thread). `bf16Weights` shares one set of
  /// bf16 copies between passes; nil converts them here.
  public static func pass(
    for precision: Precision, model: RecommenderModel, bf16Weights: BF16WeightSet? = nil
  ) -> InferencePass {
    switch precision {
    case .fp32: return FP32Inference()
    case .bf16: return BF16Inference(weights: bf16Weights ?? Self.bf16Weights(of: model))
    }
  }

  /// The bf16 copies of `model`'s dense weight matrices (the `W` of every Dense layer and gate).
  public static func bf16Weights(of model: RecommenderModel) -> BF16WeightSet {
    BF16WeightSet(model.parameters.filter { $0.name.hasSuffix(".weight") }.map(\.value))
  }

  public var threads: Int { pool.count }

  /// Rows are scored in shards whose row counts are multiples of this. OpenBLAS's sgemm computes
  /// a row left over after the last block of 4 (the second of a pair, or a single one) in
  /// another order than the rows of a block, so without padding an item's fp32 scores would
  /// depend, by a few ulps, on where it falls in a batch; padded, every item scores the same in
  /// any batch, so scoring only some items (a domain's candidates) gives the whole catalog's
  /// scores for them, bit for bit. Scoring now runs oneDNN's matmuls, whose results for such
  /// shards are tested to be as independent of the other rows (`FP32MatmulTests`,
  /// `CandidateScoringTests`); the padding stays for any GEMM with a row tail. Batches of
  /// multiples of 8 per shard are not padded.
  public static let rowBlock = 8

  /// `batch` with its row count padded up to a multiple of `rowBlock * parts` (copies of its
  /// last row, scored and dropped), or `batch` itself when no padding is needed.
  private func padded(_ batch: Batch, parts: Int) -> Batch {
    let n = batch.count
    let block = Self.rowBlock * parts
    let count = (n + block - 1) / block * block
    guard count != n, n > 0 else { return batch }
    padding.copyRows(of: batch, range: 0..<n)
    padding.resize(count: count)
    let (g, d) = (batch.generalIdWidth, batch.domainSideFieldCount)
    for r in n..<count {
      for f in 0..<g { padding.generalIds[r * g + f] = batch.generalIds[(n - 1) * g + f] }
      for f in 0..<d { padding.domainSideIds[r * d + f] = batch.domainSideIds[(n - 1) * d + f] }
      padding.domains[r] = batch.domains[n - 1]
      padding.users[r] = batch.users[n - 1]
    }
    return padding
  }

  /// Probabilities for `batch`, task-major: `result[task * batch.count + row]`.
  public func probabilities(_ batch: Batch, into result: inout [Float]) {
    let tasks = model.config.taskCount
    let n = batch.count
    if result.count != tasks * n { result = Array(repeating: 0, count: tasks * n) }
    let parts = n >= 64 * pool.count ? pool.count : 1
    let input = padded(batch, parts: parts)
    result.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      pool.forEachShard(of: input, parts: parts) { s, worker, input, range in
        OneDNN.setThreadsForThisThread(parts == 1 ? BLASThreads.current : 1)
        let logits = passes[s].run { worker.forward(input) }
        for (k, r) in range.enumerated() where r < n {
          for t in 0..<tasks { out[t * n + r] = 1 / (1 + expf(-logits[k, t])) }
        }
      }
    }
  }
}
