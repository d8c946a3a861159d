/// What changed between two rankings of the same items: the summary of issue 14's effect view
/// (a user's own gates against average gates) and compare mode (the pinned selection against the
/// current one).
///
/// Both rankings are full orders of the same items (catalog indices, best first). Reported:
/// - `overlap`: how many items the two top-`k` lists share;
/// - `spearman`: Spearman's rank correlation ρ over all items, `1 - 6 Σ d² / (n (n² - 1))` with
///   `d` an item's rank difference (exact: the orders have no ties), 1 for identical orders, -1
///   for reversed ones;
/// - movers: among the items in either top-`k`, those that moved the most up and down from `base`
///   to `other` (ties by their rank in `other`);
/// - `baseTop`: where each of `base`'s top-`k` items went in `other`, in `base`'s order ("where
///   the pinned list's items went").
///
/// Pure list maths, here in PepnetText so that the explorer (which re-blends rankings itself)
/// and Inference share one definition.
public struct RankingComparison: Sendable, Equatable {
  /// One item's rank (1-based) in both rankings.
  public struct Move: Sendable, Equatable {
    public var item: Int
    public var from: Int
    public var to: Int
    public init(item: Int, from: Int, to: Int) {
      self.item = item
      self.from = from
      self.to = to
    }
    /// Positive when the item moved up (a better rank in `other`).
    public var change: Int { from - to }
  }

  public var k: Int
  public var overlap: Int
  public var spearman: Double
  /// Largest upward moves first; only items that moved up.
  public var up: [Move]
  /// Largest downward moves first; only items that moved down.
  public var down: [Move]
  public var baseTop: [Move]

  /// Nil unless `base` and `other` are orders of the same distinct items 0..<n.
  public init?(base: [Int], other: [Int], k: Int = 20, movers: Int = 5) {
    let n = base.count
    guard other.count == n, k > 0, movers >= 0 else { return nil }
    guard let from = Self.ranks(base), let to = Self.ranks(other) else { return nil }
    self.k = k
    let top = min(k, n)
    let baseSet = Set(base.prefix(top))
    overlap = other.prefix(top).filter { baseSet.contains($0) }.count
    if n < 2 {
      spearman = 1
    } else {
      var squares = 0.0
      for i in 0..<n {
        let d = Double(from[i] - to[i])
        squares += d * d
      }
      let nn = Double(n)
      spearman = 1 - 6 * squares / (nn * (nn * nn - 1))
    }
    var candidates = Array(baseSet.union(other.prefix(top)))
    candidates.sort()
    let moves = candidates.map { Move(item: $0, from: from[$0] + 1, to: to[$0] + 1) }
    up = Array(
      moves.filter { $0.change > 0 }.sorted { $0.change != $1.change ? $0.change > $1.change : $0.to < $1.to }
        .prefix(movers))
    down = Array(
      moves.filter { $0.change < 0 }.sorted { $0.change != $1.change ? $0.change < $1.change : $0.to < $1.to }
        .prefix(movers))
    baseTop = base.prefix(top).map { Move(item: $0, from: from[$0] + 1, to: to[$0] + 1) }
  }

  /// `ranks[item]` = 0-based position of item in `order`, or nil unless `order` is a permutation
  /// of 0..<n.
  private static func ranks(_ order: [Int]) -> [Int]? {
    var ranks = [Int](repeating: -1, count: order.count)
    for (position, item) in order.enumerated() {
      guard item >= 0, item < order.count, ranks[item] < 0 else { return nil }
      ranks[item] = position
    }
    return ranks
  }
}
