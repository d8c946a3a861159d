import PepnetText

extension Explorer {
  /// The selections a person is likely to move to next: the next user in the list in the direction of
  /// the last move (down by default) and the next domain in the direction of the last domain change
  /// (forward by default). The runtime precomputes their scores when idle; two keep the extra model
  /// work small on a busy machine.
  public static func likelyNextSelections(_ state: ExplorerState, after previous: ExplorerState? = nil)
    -> [(user: Int, domain: Int)]
  {
    var result: [(user: Int, domain: Int)] = []
    let users = state.visibleUsers
    let userStep = previous.map { state.userCursor < $0.userCursor ? -1 : 1 } ?? 1
    let index = state.userCursor + userStep
    if index >= 0 && index < users.count { result.append((users[index], state.domain)) }
    let domains = state.catalog.domains.count
    if domains > 1 {
      let back = previous.map { state.domain == ($0.domain + domains - 1) % domains } ?? false
      result.append((state.user, (state.domain + (back ? domains - 1 : 1)) % domains))
    }
    return result.filter { $0 != (state.user, state.domain) }
  }
}

/// The item a ranking will highlight once its scores arrive: rank `rank` (the item cursor) of
/// ranking tab `tab`, the blend weighted by `weights`. The worker computes that item's gates with
/// the scores, so a new selection's first frame is complete, gates included.
struct Highlight: Equatable, Sendable {
  var tab: Int
  var rank: Int
  var weights: [Float]

  init(tab: Int, rank: Int, weights: [Float]) {
    self.tab = tab
    self.rank = rank
    self.weights = weights
  }

  init(_ state: ExplorerState) { self.init(tab: state.tab, rank: state.itemCursor, weights: state.weights) }

  /// The highlighted item of a ranking with these scores, as `ExplorerState.highlightedItem` finds it.
  func item(in scores: [[Float]]) -> Int? {
    guard let count = scores.first?.count, count > 0 else { return nil }
    let order =
      tab < scores.count
      ? BlendedRanking.order(scores[tab])
      : Rankings(user: 0, domain: 0, scores: scores, weights: weights).blendOrder
    return order[min(max(0, rank), count - 1)]
  }
}
