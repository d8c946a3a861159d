import PepnetText

/// A (user, domain) pinned for comparison, with its rankings and the gates of its highlighted item.
public struct PinnedSelection: Sendable {
  public var user: Int
  public var domain: Int
  public var item: Int?
  public var rankings: Rankings
  public var gates: GateReadout?
  public var average: [Float]?
  /// The what-if edits of the pinned selection (none: the user's own profile).
  public var edits: [ProfileField] = []

  /// What changed from the pinned ranking of tab `tab` to `current`'s: top-`k` overlap, Spearman's
  /// ρ, the movers both ways and where the pin's top items went (`RankingComparison`, the same
  /// definitions as `pepnet rank --gates`). Nil when the two rank different catalogs.
  public func comparison(to current: Rankings, tab: Int, k: Int = Self.summaryDepth, movers: Int = 5)
    -> RankingComparison?
  {
    RankingComparison(base: rankings.order(tab: tab), other: current.order(tab: tab), k: k, movers: movers)
  }

  /// The depth of compare mode's overlap ("top-20 overlap").
  public static let summaryDepth = 20
}

/// How compare mode shows the pinned selection against the current one.
public enum CompareStyle: Sendable {
  case sideBySide, difference
}
