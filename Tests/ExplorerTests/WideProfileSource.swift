import PepnetExplorer

/// A synthetic source with KuaiRand's profile shape (issue 18, items 5 and 10): 30 user features,
/// 18 of whose names share the prefix `onehot_feat`, every fourth user (the second, the sixth, …)
/// and every third item unknown to the model; scores and gates are the synthetic source's.
final class WideProfileSource: ExplorerDataSource, @unchecked Sendable {
  let base: SyntheticExplorerSource
  let users: [ExplorerUser]
  let items: [ExplorerItem]

  /// KuaiRand's user feature names: twelve counts and flags, then `onehot_feat0` … `onehot_feat17`.
  static let featureNames =
    [
      "user_active_degree", "is_lowactive_period", "is_live_streamer", "is_video_author", "follow_user_num",
      "follow_user_num_range", "fans_user_num", "fans_user_num_range", "friend_user_num",
      "friend_user_num_range", "register_days", "register_days_range",
    ] + (0..<18).map { "onehot_feat\($0)" }

  init(base: SyntheticExplorerSource = TestSource.shared) {
    self.base = base
    let degrees = ["high_active", "full_active", "middle_active", "low_active"]
    users = base.users.enumerated().map { u, user in
      let values =
        [
          degrees[u % 4], String(u % 2), String(u / 2 % 2), String(u / 3 % 2), String(u * 37 % 900),
          "[\(u % 5 * 10),\(u % 5 * 10 + 10))", String(u * 53 % 2000),
          "[\(u % 3 * 100),\(u % 3 * 100 + 100))",
          String(u * 7 % 60), "[\(u % 4 * 5),\(u % 4 * 5 + 5))", String(u * 11 % 1500), "\(u % 6 * 60)+",
        ] + (0..<18).map { String((u * ($0 + 3)) % 7) }
      return ExplorerUser(
        id: user.id, features: zip(Self.featureNames, values).map { ProfileField(name: $0, value: $1) },
        known: u % 4 != 1)
    }
    items = base.items.enumerated().map { i, item in
      ExplorerItem(id: item.id, title: item.title, features: item.features, known: i % 3 != 0)
    }
  }

  var title: String { base.title }
  var domains: [String] { base.domains }
  var tasks: [String] { base.tasks }
  func scores(user: Int, domain: Int) -> [[Float]] { base.scores(user: user, domain: domain) }
  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    base.gates(user: user, item: item, domain: domain)
  }
  func averageEPNetGates(domain: Int) -> [Float] { base.averageEPNetGates(domain: domain) }

  static let shared = WideProfileSource()

  /// A state with scores and gates loaded for `user` (an id) at a size.
  static func loaded(user: String? = nil, width: Int = 120, height: Int = 40) -> ExplorerState {
    try! ExplorerSnapshot.state(
      source: shared, options: .init(user: user, size: GridSize(width: width, height: height)))
  }

  static func settle(_ state: ExplorerState, _ actions: [Action]) -> ExplorerState {
    EffectPerformer.settle(state, actions, source: shared)
  }
}
