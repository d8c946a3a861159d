/// Items ordered by a blended score `sum_t weight_t * p_t` (a production fusion formula in its
/// simplest, linear form), with every task's probability kept for display.
public struct RankedList: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    /// Catalog index of the item.
    public var item: Int
    public var blended: Float
    /// Probability per task.
    public var scores: [Float]
  }

  public var entries: [Entry]

  /// `scores[task][item]`; ties are broken by catalog index so the order is deterministic. A NaN
  /// blend (a broken model) sorts last, so the order stays a total one; callers that print scores
  /// refuse non-finite ones first (`firstNonFinite(in:)`).
  public init(scores: [[Float]], weights: [Float], top: Int? = nil) {
    precondition(scores.count == weights.count, "one weight per task")
    let count = scores.first?.count ?? 0
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    for i in 0..<count {
      var blended: Float = 0
      var perTask: [Float] = []
      perTask.reserveCapacity(scores.count)
      for t in scores.indices {
        blended += weights[t] * scores[t][i]
        perTask.append(scores[t][i])
      }
      entries.append(Entry(item: i, blended: blended, scores: perTask))
    }
    entries.sort { a, b in
      if a.blended.isNaN || b.blended.isNaN {
        return a.blended.isNaN == b.blended.isNaN ? a.item < b.item : b.blended.isNaN
      }
      return a.blended != b.blended ? a.blended > b.blended : a.item < b.item
    }
    if let top, top < entries.count { entries.removeSubrange(top...) }
    self.entries = entries
  }

  /// The first score, `scores[task][item]`, that is NaN or infinite, if any: a probability of a
  /// broken model that must not be printed as a ranking.
  public static func firstNonFinite(in scores: [[Float]]) -> (task: Int, item: Int, value: Float)? {
    for (t, row) in scores.enumerated() {
      if let i = row.firstIndex(where: { !$0.isFinite }) { return (t, i, row[i]) }
    }
    return nil
  }
}
