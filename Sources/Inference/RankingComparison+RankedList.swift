import PepnetText

extension RankingComparison {
  /// Comparison of two ranked lists of the whole catalog (`RankedList` without `top`).
  public init?(base: RankedList, other: RankedList, k: Int = 20, movers: Int = 5) {
    self.init(base: base.entries.map(\.item), other: other.entries.map(\.item), k: k, movers: movers)
  }
}
