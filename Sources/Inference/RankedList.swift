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

  /// `scores[task][item]`; ties are broken by catalog index so the order is deterministic.
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
    entries.sort { $0.blended != $1.blended ? $0.blended > $1.blended : $0.item < $1.item }
    if let top, top < entries.count { entries.removeSubrange(top...) }
    self.entries = entries
  }
}
