import Foundation
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

  /// Presses `j` every 10 ms for 0.6 s against a source that takes 40 ms a ranking, through the
  /// session the terminal loop uses.
  @Test func holdingJKeepsDrawingRankingsAndEndsOnTheNewestUser() {
    let source = SyntheticExplorerSource(seed: 42, latency: 0.04)
    let session = ExplorerSession(source: source, size: GridSize(width: 120, height: 40))
    defer { session.shutdown() }
    var shown: Set<Int> = []
    var computed: [Int] = []
    func takeResults() {
      for result in session.worker.takeResults() {
        if case .scoresComputed(let user, _, _) = result { computed.append(user) }
        session.dispatch(result)
      }
      session.submitRequests()
      if let rankings = session.state.rankings { shown.insert(rankings.user) }
    }
    for _ in 0..<60 {
      session.dispatch(.key(.char("j")))
      takeResults()
      Thread.sleep(forTimeInterval: 0.01)
    }
    let last = session.state.user
    let pressedUntil = computed.count
    let deadline = Date().addingTimeInterval(5)
    while !session.isComplete && Date() < deadline {
      takeResults()
      Thread.sleep(forTimeInterval: 0.005)
    }
    #expect(shown.count >= 3, "rankings kept coming while the key was held: \(shown.sorted())")
    #expect(session.isComplete && session.state.rankings?.user == last)
    let after = computed.dropFirst(pressedUntil)
    #expect(
      after.count <= 2 && after.last == last, "at most the job in flight, then the newest user: \(after)")
  }
}
