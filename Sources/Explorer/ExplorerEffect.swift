import PepnetText

/// Which population-average gates the effect view compares a user's own against (the
/// `--gates` choices of `pepnet rank`, docs/personalisation.md).
public enum ExplorerAverageGates: String, CaseIterable, Sendable {
  /// EPNet's gate averaged within the domain; PPNet the user's own.
  case epnet = "average-epnet"
  /// PPNet's gates averaged over users; EPNet the user's own.
  case ppnet = "average-ppnet"
  /// Both averaged.
  case both = "average"

  /// Shown in the view: what is averaged.
  public var label: String {
    switch self {
    case .epnet: return "EPNet averaged within the domain"
    case .ppnet: return "PPNet averaged over users"
    case .both: return "EPNet and PPNet averaged"
    }
  }

  /// The next choice (the `a` key cycles them).
  public var next: ExplorerAverageGates {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}

/// One item's rank (1-based) under the average gates (`from`) and under the user's own (`to`):
/// `RankingComparison`'s move, the one definition shared with `rank --gates`.
public typealias ExplorerMove = RankingComparison.Move

/// What personalisation does to one (user, domain)'s ranking: the ranking under average gates
/// against the one under the user's own, as the data source computed it (for bundles, Inference's
/// `PersonalisationEffect` and `RankingComparison`, the numbers of `pepnet rank --gates`).
public struct ExplorerEffect: Sendable {
  public var user: Int
  public var domain: Int
  public var average: ExplorerAverageGates
  /// The blend weights of the compared rankings (one-hot for one task).
  public var weights: [Float]
  /// The top-k compared.
  public var k: Int
  /// Items the two top-k lists share.
  public var overlap: Int
  /// Spearman's rank correlation over the whole catalog.
  public var spearman: Double
  /// The items the user's own gates move up (largest first), and down.
  public var up: [ExplorerMove]
  public var down: [ExplorerMove]
  /// The average-gate ranking's top k, with where each item went under the user's own gates.
  public var averageTop: [ExplorerMove]

  public init(
    user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int, overlap: Int,
    spearman: Double, up: [ExplorerMove], down: [ExplorerMove], averageTop: [ExplorerMove]
  ) {
    self.user = user
    self.domain = domain
    self.average = average
    self.weights = weights
    self.k = k
    self.overlap = overlap
    self.spearman = spearman
    self.up = up
    self.down = down
    self.averageTop = averageTop
  }

  /// Whether this effect answers the request.
  func matches(_ request: ExplorerEffectRequest) -> Bool {
    user == request.user && domain == request.domain && average == request.average
      && weights == request.weights && k == request.k
  }
}

/// What the effect view asks the data source for.
public struct ExplorerEffectRequest: Sendable, Equatable, Hashable {
  public var user: Int
  public var domain: Int
  public var average: ExplorerAverageGates
  public var weights: [Float]
  public var k: Int
}
