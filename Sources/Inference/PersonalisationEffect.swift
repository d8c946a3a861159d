import PepnetData
import PepnetNumerics
import PepnetText

/// What personalisation does to one (user, domain)'s ranking (issue 14's effect view, `pepnet rank
/// --gates`): the catalog scored with the user's own gates and with the population-average gates
/// of `gates`, and the comparison of the two rankings. One code path for the CLI and the explorer.
public struct PersonalisationEffect: Sendable {
  public var gates: GateChoice
  /// `[task][item]` with the user's own gates.
  public var ownScores: [[Float]]
  /// `[task][item]` with `gates` (the same as `ownScores` for `.own`).
  public var scores: [[Float]]

  /// Scores the whole catalog both ways; `population` must hold `domain` unless `gates` is `.own`.
  /// `precision` applies to the user's own gates (average-gate scores are computed in fp32);
  /// `overrides` (a what-if, `rank --edit`) edits the user's profile or the context of the own-gate
  /// scores.
  public init(
    bundle: ModelBundle, user: Int, domain: Int, gates: GateChoice, population: PopulationGates?,
    precision: Precision = .fp32, overrides: FeatureOverrides = FeatureOverrides()
  ) {
    self.gates = gates
    ownScores = CatalogRanker(bundle: bundle, precision: precision).scores(
      user: user, domain: domain, overrides: overrides)
    scores =
      gates == .own
      ? ownScores : gates.scores(bundle: bundle, user: user, domain: domain, population: population)
  }

  /// The ranking with `gates` as the base against the user's own: the movers up are the items the
  /// user's own gates move up. Nil only when the scores are not of one catalog.
  public func comparison(weights: [Float], k: Int, movers: Int = 5) -> RankingComparison? {
    RankingComparison(
      base: RankedList(scores: scores, weights: weights),
      other: RankedList(scores: ownScores, weights: weights),
      k: k, movers: movers)
  }
}
