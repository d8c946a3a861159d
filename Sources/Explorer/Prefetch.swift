extension Explorer {
  /// The selections a person is likely to move to next from `state`: the neighbouring users in the
  /// list and the neighbouring domains, nearest first. The runtime precomputes their scores when idle.
  public static func likelyNextSelections(_ state: ExplorerState) -> [(user: Int, domain: Int)] {
    var result: [(user: Int, domain: Int)] = []
    let users = state.visibleUsers
    for step in [1, -1] {
      let index = state.userCursor + step
      if index >= 0 && index < users.count { result.append((users[index], state.domain)) }
    }
    let domains = state.catalog.domains.count
    if domains > 1 {
      result.append((state.user, (state.domain + 1) % domains))
      result.append((state.user, (state.domain + domains - 1) % domains))
    }
    return result.filter { $0 != (state.user, state.domain) }
  }
}
