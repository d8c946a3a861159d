import PepnetText

/// Scores for one (user, domain) with the orders derived from them: per task and blended.
public struct Rankings: Sendable {
  public var user: Int
  public var domain: Int
  /// The what-if edits these scores were computed with (none: the user's own profile).
  public var edits: [ProfileField] = []
  /// `[task][item]` probabilities.
  public var scores: [[Float]]
  /// `[task]`: item indices, best first.
  public var orders: [[Int]]
  /// `[task][item]`: 0-based rank of each item.
  public var ranks: [[Int]]
  /// Blended score per item: the weighted sum of task probabilities.
  public var blendScores: [Float] = []
  public var blendOrder: [Int] = []
  public var blendRanks: [Int] = []
  /// How many items lead every order: the candidates (all items when there are none). The
  /// rankings pane lists only these; the others follow them, so every item keeps a rank.
  public var candidateCount: Int
  /// Per item, whether it is a candidate; nil: every item is.
  private var isCandidate: [Bool]?

  /// With `candidates` (item indices), those items lead every order, in score order, as
  /// `pepnet rank` ranks them; the rest come after them, in score order too.
  public init(user: Int, domain: Int, scores: [[Float]], weights: [Float], candidates: [Int]? = nil) {
    self.user = user
    self.domain = domain
    self.scores = scores
    let count = scores.first?.count ?? 0
    if let candidates {
      var flags = [Bool](repeating: false, count: count)
      for i in candidates where i < count { flags[i] = true }
      isCandidate = flags
      candidateCount = flags.filter { $0 }.count
    } else {
      candidateCount = count
    }
    let flags = isCandidate
    orders = scores.map { Self.candidatesFirst(BlendedRanking.order($0), flags) }
    ranks = orders.map { BlendedRanking.ranks(of: $0) }
    reblend(weights)
  }

  /// Recomputes the blended ranking for new weights.
  public mutating func reblend(_ weights: [Float]) {
    let blend = BlendedRanking.blend(scores, weights: weights)
    blendScores = blend
    blendOrder = Self.candidatesFirst(BlendedRanking.order(blend), isCandidate)
    blendRanks = BlendedRanking.ranks(of: blendOrder)
  }

  /// Whether `item` is one of the candidates the pane lists.
  public func isCandidate(_ item: Int) -> Bool { isCandidate.map { item < $0.count && $0[item] } ?? true }

  /// `order` with the candidates first, each part keeping its order.
  private static func candidatesFirst(_ order: [Int], _ isCandidate: [Bool]?) -> [Int] {
    guard let isCandidate else { return order }
    return order.filter { isCandidate[$0] } + order.filter { !isCandidate[$0] }
  }

  /// The order of ranking tab `tab` (tasks, then the blend).
  public func order(tab: Int) -> [Int] { tab < orders.count ? orders[tab] : blendOrder }
  /// The score of an item in ranking tab `tab`.
  public func score(tab: Int, item: Int) -> Float {
    tab < scores.count ? scores[tab][item] : blendScores[item]
  }
  /// The 0-based rank of an item in ranking tab `tab`.
  public func rank(tab: Int, item: Int) -> Int { tab < ranks.count ? ranks[tab][item] : blendRanks[item] }
}
