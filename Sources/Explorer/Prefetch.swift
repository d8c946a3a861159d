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
