extension Explorer {
  /// `p`: the profile's next page of features, the first again after the last.
  static func nextProfilePage(_ s: inout ExplorerState) {
    let rows = profileList(s, ExplorerLayout(state: s)).height
    let count = profileFeatureCount(s)
    guard rows > 0, count > rows else {
      s.profileScroll = 0
      return
    }
    let first = profileFirstRow(s, rows: rows)
    s.profileScroll = first + rows >= count ? 0 : first + rows
  }

  /// The wheel over the profile: `delta` features on, stopping when the last one is on screen.
  static func scrollProfile(_ s: inout ExplorerState, by delta: Int) {
    let rows = profileList(s, ExplorerLayout(state: s)).height
    let first = profileFirstRow(s, rows: rows)
    s.profileScroll = max(0, min(first + delta, profileFeatureCount(s) - rows))
  }

  /// How many features the selected user's profile has.
  static func profileFeatureCount(_ s: ExplorerState) -> Int {
    s.catalog.users.indices.contains(s.user) ? s.catalog.users[s.user].features.count : 0
  }
}
