import PepnetText

/// Items ordered by a blended score `sum_t weight_t * p_t` (`BlendedRanking`, shared with the
/// explorer), with every task's probability kept for display.
public struct RankedList: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    /// Catalog index of the item.
    public var item: Int
    public var blended: Float
    /// Probability per task.
    public var scores: [Float]
  }

  public var entries: [Entry]

  /// `scores[task][item]`, blended and ordered by `BlendedRanking` (ties broken by catalog index,
  /// NaN last); callers that print scores refuse non-finite ones first (`firstNonFinite(in:)`).
  /// With `candidates` (catalog indices, `CandidateSet.items`) only those items are ranked.
  public init(scores: [[Float]], weights: [Float], top: Int? = nil, candidates: [Int]? = nil) {
    precondition(scores.count == weights.count, "one weight per task")
    let blended = BlendedRanking.blend(scores, weights: weights)
    var order = BlendedRanking.order(blended)
    if let candidates {
      var isCandidate = [Bool](repeating: false, count: blended.count)
      for i in candidates where i < blended.count { isCandidate[i] = true }
      order.removeAll { !isCandidate[$0] }
    }
    if let top, top < order.count { order.removeSubrange(top...) }
    entries = order.map { i in Entry(item: i, blended: blended[i], scores: scores.map { $0[i] }) }
  }

  /// `scores[task][k]` of `items[k]` only (ascending catalog indices, as `CandidateSet.items` and
  /// `CatalogRanker.scores(items:)` give them; nil: the whole catalog, `k` is the item), blended and
  /// ordered as above. Ties break by `k`, which is by catalog index since `items` ascends, so the
  /// list is the whole catalog's ranked with `candidates: items`, entry for entry, without scoring
  /// the other items.
  public init(scores: [[Float]], of items: [Int]?, weights: [Float], top: Int? = nil) {
    guard let items else {
      self = RankedList(scores: scores, weights: weights, top: top)
      return
    }
    precondition(scores.count == weights.count, "one weight per task")
    precondition(scores.allSatisfy { $0.count == items.count }, "one score per item")
    let blended = BlendedRanking.blend(scores, weights: weights)
    var order = BlendedRanking.order(blended)
    if let top, top < order.count { order.removeSubrange(top...) }
    entries = order.map { k in Entry(item: items[k], blended: blended[k], scores: scores.map { $0[k] }) }
  }

  /// The first score, `scores[task][item]`, that is NaN or infinite, if any: a probability of a
  /// broken model that must not be printed as a ranking. With `items`, `scores[task][k]` is
  /// `items[k]`'s and the catalog index is returned.
  public static func firstNonFinite(in scores: [[Float]], of items: [Int]? = nil) -> (
    task: Int, item: Int, value: Float
  )? {
    for (t, row) in scores.enumerated() {
      if let i = row.firstIndex(where: { !$0.isFinite }) { return (t, items?[i] ?? i, row[i]) }
    }
    return nil
  }
}
