import PepnetData
import PepnetModel
import PepnetNumerics

/// Scores the whole catalog (or any set of items) for one (user, domain): the shared inference
/// path of `pepnet rank` and `pepnet explore`. With `threads > 1` the candidates are split across
/// threads (see `Scorer`); set `BLASThreads` to 1 then, so the two kinds of threads do not compete.
public final class CatalogRanker {
  public let bundle: ModelBundle
  public let scorer: Scorer
  private let batch: Batch
  private var chunkScores: [Float] = []

  public init(bundle: ModelBundle, chunkSize: Int = 1024, threads: Int = 2, precision: Precision = .fp32) {
    self.bundle = bundle
    scorer = Scorer(model: bundle.model, chunkSize: chunkSize, threads: threads, precision: precision)
    let config = bundle.model.config
    batch = Batch(config: config, capacity: 0)
  }

  public var pipeline: FeaturePipeline { bundle.pipeline }
  public var tasks: [String] { bundle.manifest.tasks }
  public var domains: [String] { bundle.manifest.domains }

  /// Probabilities of every task for `items` (catalog indices) shown to catalog user `user` in
  /// domain `domain`: `result[task][k]` for `items[k]`. Processes `chunkSize` items at a time.
  /// `overrides` (a what-if) replaces profile or context features of every row.
  public func scores(
    user: Int, domain: Int, items: [Int]? = nil, overrides: FeatureOverrides = FeatureOverrides()
  ) -> [[Float]] {
    let all = items ?? Array(0..<pipeline.items.count)
    let tasks = bundle.model.config.taskCount
    var result = Array(repeating: [Float](repeating: 0, count: all.count), count: tasks)
    var start = 0
    while start < all.count {
      let end = min(start + scorer.chunkSize, all.count)
      pipeline.fillRanking(batch, user: user, items: all[start..<end], domain: domain)
      overrides.apply(to: batch)
      scorer.probabilities(batch, into: &chunkScores)
      let n = end - start
      for t in 0..<tasks {
        for k in 0..<n { result[t][start + k] = chunkScores[t * n + k] }
      }
      start = end
    }
    return result
  }

  /// The candidates for `domain` (`CandidateSet`): those seen in it in training by default.
  public func candidates(domain: Int, choice: CandidateChoice = .domain) -> CandidateSet {
    CandidateSet(pipeline: pipeline, domain: domain, choice: choice)
  }

  /// The candidates of (user, domain) ranked by a blend of task probabilities: the domain's
  /// (`candidates(domain:choice:)`), or the whole catalog with `.all`. Only the candidates are
  /// scored; their scores are the whole catalog's, bit for bit (rows are scored independently).
  public func rank(
    user: Int, domain: Int, weights: [Float], top: Int? = nil, candidates choice: CandidateChoice = .domain
  ) -> RankedList {
    let items = candidates(domain: domain, choice: choice).items
    return RankedList(
      scores: scores(user: user, domain: domain, items: items), of: items, weights: weights, top: top)
  }
}
