import Dispatch

/// A model and weight-sharing replicas of it, one per thread, for data-parallel training and
/// scoring.
///
/// The replicas share the model's weight matrices but own their activations and gradients, so
/// shards of one batch run forward (and backward) at the same time with single-threaded GEMMs.
///
/// The determinism guarantee lives here: a batch of `n` rows in `parts` shards always splits into
/// the contiguous row ranges `shardRange(s, of: n, parts: parts)`, in order, and shard `s` always
/// runs on `workers[s]`. What a shard computes therefore depends only on the batch and the number
/// of parts, never on thread timing; callers combine the shards' results in shard order.
public final class ReplicaPool {
  /// The model itself; `workers[0]`.
  public let model: RecommenderModel
  /// `workers[0]` is the model; the others are its replicas.
  public let workers: [RecommenderModel]
  /// Shard `s`'s rows when a batch is split (unused by a single shard, which is the batch itself).
  private let shards: [Batch]

  /// `threads` workers (at least one): the model and `threads - 1` replicas of it.
  public init(model: RecommenderModel, threads: Int) {
    self.model = model
    var workers: [RecommenderModel] = [model]
    for _ in 1..<max(1, threads) {
      let replica = ModelFactory.make(config: model.config, seed: 0)
      replica.shareWeights(of: model)
      workers.append(replica)
    }
    self.workers = workers
    shards = workers.map { _ in Batch(config: model.config, capacity: 0) }
  }

  public var count: Int { workers.count }

  /// The replicas, without the model (whose gradients absorb theirs after a training step).
  public var replicas: [RecommenderModel] { Array(workers.dropFirst()) }

  /// The rows of shard `s` when `n` rows are split into `parts` shards: contiguous, in order, sizes
  /// differing by at most one.
  public static func shardRange(_ s: Int, of n: Int, parts: Int) -> Range<Int> {
    (n * s / parts)..<(n * (s + 1) / parts)
  }

  /// Splits `batch` into `parts` shards (at most `count`) and calls `body(s, worker, shard, rows)`
  /// for each at the same time: `worker` is `workers[s]`, `shard` holds `batch`'s `rows` (it is
  /// `batch` itself when `parts` is 1). `body` may write only what belongs to shard `s`.
  /// `split` is called once the shards are filled, before any `body` (to time the copy).
  public func forEachShard(
    of batch: Batch, parts: Int, split: () -> Void = {},
    _ body: (_ s: Int, _ worker: RecommenderModel, _ shard: Batch, _ rows: Range<Int>) -> Void
  ) {
    precondition(parts >= 1 && parts <= workers.count, "parts \(parts) outside 1...\(workers.count)")
    let n = batch.count
    if parts == 1 {
      split()
      body(0, workers[0], batch, 0..<n)
      return
    }
    for s in 0..<parts { shards[s].copyRows(of: batch, range: Self.shardRange(s, of: n, parts: parts)) }
    split()
    DispatchQueue.concurrentPerform(iterations: parts) { s in
      body(s, workers[s], shards[s], Self.shardRange(s, of: n, parts: parts))
    }
  }
}
