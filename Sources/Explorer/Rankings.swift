import PepnetText

/// Scores for one (user, domain) with the orders derived from them: per task and blended.
public struct Rankings: Sendable {
  public var user: Int
  public var domain: Int
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

  public init(user: Int, domain: Int, scores: [[Float]], weights: [Float]) {
    self.user = user
    self.domain = domain
    self.scores = scores
    orders = scores.map { BlendedRanking.order($0) }
    ranks = orders.map { BlendedRanking.ranks(of: $0) }
    reblend(weights)
  }

  /// Recomputes the blended ranking for new weights.
  public mutating func reblend(_ weights: [Float]) {
    let blend = BlendedRanking.blend(scores, weights: weights)
    blendScores = blend
    blendOrder = BlendedRanking.order(blend)
    blendRanks = BlendedRanking.ranks(of: blendOrder)
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
