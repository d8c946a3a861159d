import Testing

@testable import PepnetExplorer

/// The background worker: coalescing, results as actions, prefetch cache. The worker runs on a
/// manual executor, so each test says when its jobs run: nothing here waits or sleeps.
@Suite struct WorkerTests {
  func scoredUsers(_ results: [Action]) -> [Int] {
    results.compactMap { action -> Int? in
      if case .scoresComputed(let user, _, _) = action { return user }
      return nil
    }
  }

  /// Requests made while a job runs coalesce: the job in flight finishes, then only the latest runs.
  @Test func burstsCoalesceToTheLatestRequest() {
    let source = RecordingSource()
    let executor = ManualExecutor()
    let worker = ExplorerWorker(source: source, executor: executor)
    source.duringScores = { user, _ in
      if user == 0 { for next in 1..<6 { worker.submit([.computeScores(user: next, domain: 0)]) } }
    }
    worker.submit([.computeScores(user: 0, domain: 0)])
    #expect(worker.isBusy && executor.queued == 1, "one step queued, nothing run yet")
    executor.runAll()
    #expect(scoredUsers(worker.takeResults()) == [0, 5], "the request in flight and the latest one")
    #expect(source.scoreCalls.map(\.user) == [0, 5])
    #expect(!worker.isBusy && worker.isIdle)
  }

  @Test func gatesComeBackWithTheDomainAverage() {
    let executor = ManualExecutor()
    let worker = ExplorerWorker(source: TestSource.shared, executor: executor)
    worker.submit([.computeGates(user: 3, item: 4, domain: 2)])
    #expect(worker.takeResults().isEmpty, "nothing runs until the executor does")
    executor.runAll()
    let results = worker.takeResults()
    guard case .gatesComputed(3, 4, 2, let readout, let average)? = results.first else {
      Issue.record("no gates result: \(results)")
      return
    }
    #expect(readout.epnet.count == average.count)
  }

  /// A prefetched selection is answered from the caches: the model is not asked again.
  @Test func prefetchedScoresAnswerFromTheCache() {
    let source = RecordingSource()
    let executor = ManualExecutor()
    let worker = ExplorerWorker(source: source, executor: executor)
    worker.prefetch([(user: 7, domain: 1)])
    executor.runAll()
    #expect(worker.takeResults().isEmpty, "prefetching posts nothing")
    #expect(source.scoreCalls.map { [$0.user, $0.domain] } == [[7, 1]] && source.gateCalls.count == 1)
    worker.submit([.computeScores(user: 7, domain: 1)])
    executor.runAll()
    let results = worker.takeResults()
    #expect(source.scoreCalls.count == 1 && source.gateCalls.count == 1, "served from the prefetch caches")
    #expect(results.count == 2, "the scores and the highlighted item's gates, together")
    guard case .scoresComputed(7, 1, let scores)? = results.first,
      case .gatesComputed(7, let item, 1, _, _)? = results.last
    else {
      Issue.record("scores then gates expected: \(results)")
      return
    }
    #expect(item == Highlight(tab: 0, rank: 0, weights: []).item(in: scores), "the top item of the first tab")
  }

  /// After shutdown nothing runs: not the queued step, not a later request, not a prefetch.
  @Test func nothingRunsAfterShutdown() {
    let source = RecordingSource()
    let executor = ManualExecutor()
    let worker = ExplorerWorker(source: source, executor: executor)
    worker.submit([.computeScores(user: 1, domain: 0)])
    worker.prefetch([(user: 2, domain: 0)])
    worker.shutdown()
    worker.submit([.computeScores(user: 3, domain: 0)])
    worker.prefetch([(user: 4, domain: 0)])
    executor.runAll()
    #expect(source.scoreCalls.isEmpty && executor.queued == 0)
  }

  /// Gates come with their scores for the item the cursor will land on (issue 13, item 19): the
  /// state is complete, gates included, after one round trip, and the request update makes for
  /// those gates is answered already.
  @Test func gatesArriveWithTheScoresForTheFollowedCursor() {
    let executor = ManualExecutor()
    let worker = ExplorerWorker(source: TestSource.shared, executor: executor)
    var state = TestSource.loaded()
    state.focus = .rankings
    (state, _) = Explorer.run(state, [.key(.down), .key(.down), .key(.right)])
    #expect(state.tab == 1, "a task tab other than the first")
    var effects: [Effect]
    state.focus = .users
    (state, effects) = Explorer.update(state, .key(.down))
    worker.follow(Highlight(state))
    worker.submit(effects)
    executor.runAll()
    for result in worker.takeResults() { (state, effects) = Explorer.update(state, result) }
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
