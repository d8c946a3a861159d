import PepnetData
import PepnetNumerics
import PepnetText

/// What personalisation does to one (user, domain)'s ranking (issue 14's effect view, `pepnet rank
/// --gates`): the candidates scored with the user's own gates and with the population-average gates
/// of `gates`, and the comparison of the two rankings. One code path for the CLI and the explorer.
public struct PersonalisationEffect: Sendable {
  public var gates: GateChoice
  /// The items scored (ascending catalog indices, `CandidateSet.items`); nil: the whole catalog.
  public var items: [Int]?
  /// `[task][k]` with the user's own gates, for `items[k]` (or item `k` of the whole catalog).
  public var ownScores: [[Float]]
  /// `[task][k]` with `gates` (the same as `ownScores` for `.own`).
  public var scores: [[Float]]

  /// Scores `items` (default the whole catalog) both ways, and only those; `population` must hold
  /// `domain` unless `gates` is `.own`. `precision` applies to the user's own gates (average-gate
  /// scores are computed in fp32); `overrides` (a what-if, `rank --edit`) edits the user's profile
  /// or the context of the own-gate scores.
  public init(
    bundle: ModelBundle, user: Int, domain: Int, gates: GateChoice, population: PopulationGates?,
    precision: Precision = .fp32, overrides: FeatureOverrides = FeatureOverrides(), items: [Int]? = nil
  ) {
    self.gates = gates
    self.items = items
    ownScores = CatalogRanker(bundle: bundle, precision: precision).scores(
      user: user, domain: domain, items: items, overrides: overrides)
    scores =
      gates == .own
      ? ownScores
      : gates.scores(bundle: bundle, user: user, domain: domain, population: population, items: items)
  }

  /// The ranking with `gates` as the base against the user's own, over the scored items: the movers
  /// up are the items the user's own gates move up (catalog indices). Nil only when the scores are
  /// not of one set of items.
  public func comparison(weights: [Float], k: Int, movers: Int = 5) -> RankingComparison? {
    func order(_ scores: [[Float]]) -> [Int] {
      BlendedRanking.order(BlendedRanking.blend(scores, weights: weights))
    }
    guard var c = RankingComparison(base: order(scores), other: order(ownScores), k: k, movers: movers) else {
      return nil
    }
    if let items {
      func catalog(_ moves: [RankingComparison.Move]) -> [RankingComparison.Move] {
        moves.map { RankingComparison.Move(item: items[$0.item], from: $0.from, to: $0.to) }
      }
      c.up = catalog(c.up)
      c.down = catalog(c.down)
      c.baseTop = catalog(c.baseTop)
    }
    return c
  }
}
