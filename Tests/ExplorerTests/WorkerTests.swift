import Foundation
import Testing

@testable import PepnetExplorer

/// The background worker: coalescing, results as actions, prefetch cache.
@Suite struct WorkerTests {
  /// Polls the worker until `count` results arrived or `timeout` seconds passed.
  func collect(_ worker: ExplorerWorker, count: Int, timeout: Double = 5) -> [Action] {
    var all: [Action] = []
    let deadline = Date().addingTimeInterval(timeout)
    while all.count < count && Date() < deadline {
      all += worker.takeResults()
      Thread.sleep(forTimeInterval: 0.002)
    }
    return all
  }

  @Test func burstsCoalesceToTheLatestRequest() {
    let worker = ExplorerWorker(source: SyntheticExplorerSource(latency: 0.02))
    for user in 0..<6 { worker.submit([.computeScores(user: user, domain: 0)]) }
    let results = collect(worker, count: 2)
    Thread.sleep(forTimeInterval: 0.1)
    let users = (results + worker.takeResults()).compactMap { action -> Int? in
      if case .scoresComputed(let user, _, _) = action { return user }
      return nil
    }
    #expect(users.last == 5)
    #expect(users.count <= 2, "only the request in flight and the latest one run: \(users)")
    #expect(!worker.isBusy)
  }

  @Test func gatesComeBackWithTheDomainAverage() {
    let worker = ExplorerWorker(source: TestSource.shared)
    worker.submit([.computeGates(user: 3, item: 4, domain: 2)])
    let results = collect(worker, count: 1)
    guard case .gatesComputed(3, 4, 2, let readout, let average)? = results.first else {
      Issue.record("no gates result: \(results)")
      return
    }
    #expect(readout.epnet.count == average.count)
  }

  @Test func prefetchedScoresAnswerAtOnce() {
    let worker = ExplorerWorker(source: SyntheticExplorerSource(latency: 0.05))
    worker.prefetch([(user: 7, domain: 1)])
    Thread.sleep(forTimeInterval: 0.3)
    let start = Date()
    worker.submit([.computeScores(user: 7, domain: 1)])
    let results = collect(worker, count: 2)
    #expect(Date().timeIntervalSince(start) < 0.04, "served from the prefetch cache")
    #expect(results.count == 2, "the scores and the highlighted item's gates, together")
    guard case .scoresComputed(7, 1, let scores)? = results.first,
      case .gatesComputed(7, let item, 1, _, _)? = results.last
    else {
      Issue.record("scores then gates expected: \(results)")
      return
    }
    #expect(item == Highlight(tab: 0, rank: 0, weights: []).item(in: scores), "the top item of the first tab")
  }

  /// Gates come with their scores for the item the cursor will land on (issue 13, item 19): the
  /// state is complete, gates included, after one round trip, and the request update makes for
  /// those gates is answered already.
  @Test func gatesArriveWithTheScoresForTheFollowedCursor() {
    let worker = ExplorerWorker(source: TestSource.shared)
    defer { worker.shutdown() }
    var state = TestSource.loaded()
    state.focus = .rankings
    (state, _) = Explorer.run(state, [.key(.down), .key(.down), .key(.right)])
    #expect(state.tab == 1, "a task tab other than the first")
    var effects: [Effect]
    state.focus = .users
    (state, effects) = Explorer.update(state, .key(.down))
    worker.follow(Highlight(state))
    worker.submit(effects)
    for result in collect(worker, count: 2) { (state, effects) = Explorer.update(state, result) }
    #expect(state.rankingsAreCurrent)
    #expect(state.gates?.item == state.highlightedItem && state.gates?.user == state.user, "complete frame")
    #expect(state.pendingGates == nil && state.pendingScores == nil)
  }

  @Test func likelyNextSelectionsFollowTheDirectionOfTravel() {
    let start = TestSource.settle(TestSource.loaded(), [.key(.char("j")), .key(.char("j"))])
    let first = Explorer.likelyNextSelections(start)
    #expect(first.map(\.user) == [3, 2] && first.map(\.domain) == [0, 1])
    let up = TestSource.settle(start, [.key(.char("k"))])
    #expect(Explorer.likelyNextSelections(up, after: start).map(\.user) == [0, 1])
    let back = TestSource.settle(up, [.key(.char("["))])
    let next = Explorer.likelyNextSelections(back, after: up)
    #expect(next.last.map { [$0.user, $0.domain] } == [1, 1], "domain 2 -> 1 going backwards")
  }
}

/// The overview's and the effect view's requests run on the worker too.
@Suite struct WorkerViewTests {
  @Test func populationAndEffectComeBackAsActions() {
    let worker = ExplorerWorker(source: TestSource.shared)
    let request = ExplorerEffectRequest(user: 2, domain: 1, average: .both, weights: [1, 1, 1, 1, 1], k: 20)
    worker.submit([.computePopulation, .computeEffect(request)])
    var results: [Action] = []
    let deadline = Date().addingTimeInterval(10)
    while results.count < 2 && Date() < deadline {
      results += worker.takeResults()
      Thread.sleep(forTimeInterval: 0.002)
    }
    #expect(
      results.contains { if case .populationComputed(let p) = $0 { return p != nil } else { return false } })
    #expect(
      results.contains {
        if case .effectComputed(let r, let e) = $0 {
          return r == request && e?.user == 2
        } else {
          return false
        }
      })
    worker.shutdown()
  }
}
