import Testing

@testable import PepnetExplorer

/// Holding a key (issue 13, item 10): the selection moves faster than the model scores, so the
/// newest selection is never finished. The rankings pane must show the last finished ranking,
/// labelled with its own user, and the worker must compute the newest selection next.
@Suite struct HeldKeyTests {
  func rankingsTitle(_ state: ExplorerState) -> String {
    let lines = Explorer.view(state).text.split(separator: "\n")
    return lines.first { $0.contains("Rankings") }.map(String.init) ?? ""
  }

  @Test func theLastFinishedRankingIsShownUnderItsOwnUser() {
    var (state, _) = Explorer.run(
      TestSource.loaded(), [.key(.char("j")), .key(.char("j")), .key(.char("j"))])
    #expect(state.user == 3 && state.pendingScores == .computeScores(user: 3, domain: 0))
    let user1 = TestSource.shared.scores(user: 1, domain: 0)
    (state, _) = Explorer.update(state, .scoresComputed(user: 1, domain: 0, scores: user1))
    #expect(state.rankings?.user == 1 && !state.rankingsAreCurrent)
    #expect(state.pendingScores == .computeScores(user: 3, domain: 0), "the newest selection stays requested")
    let id1 = TestSource.catalog.users[1].id
    let id3 = TestSource.catalog.users[3].id
    #expect(rankingsTitle(state).contains("\(id1)·"), "labelled with its own user: \(rankingsTitle(state))")
    #expect(!rankingsTitle(state).contains("\(id3)·"))
    (state, _) = Explorer.update(
      state, .scoresComputed(user: 3, domain: 0, scores: TestSource.shared.scores(user: 3, domain: 0)))
    #expect(state.rankingsAreCurrent && state.pendingScores == nil)
    (state, _) = Explorer.update(
      state, .scoresComputed(user: 2, domain: 0, scores: TestSource.shared.scores(user: 2, domain: 0)))
    #expect(state.rankings?.user == 3, "a late result never replaces the current ranking")
  }

  // Holding the key through the terminal loop and the worker: RuntimeLoopTests.
}
