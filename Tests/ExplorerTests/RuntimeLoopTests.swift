import Testing

@testable import PepnetExplorer

/// The terminal loop (`ExplorerRuntime.loop`) without a terminal: scripted keys on an in-memory
/// terminal, the worker on a manual executor, time on a manual clock. Every run interleaves input,
/// model work and frames the same way, so these tests neither sleep nor time anything.
@Suite struct RuntimeLoopTests {
  /// One run of the loop and what it left behind.
  struct Run {
    var status: Int32
    var latencies: [String]
    var terminal: MemoryTerminal
    var session: ExplorerSession
    var executor: ManualExecutor
    var source: RecordingSource

    /// The latencies of one kind (`key` or `results`), in milliseconds.
    func latencies(_ kind: String) -> [Double] {
      latencies.compactMap { line in
        let parts = line.split(separator: " ")
        return parts.count == 2 && parts[0] == kind ? Double(parts[1]) : nil
      }
    }
  }

  static func run(
    script: [(at: Double, event: InputEvent)], latency: Double = 0.01, prefetching: Bool = true,
    signal: ((MemoryTerminal) -> Int32?)? = nil, onDraw: ((ExplorerSession) -> Void)? = nil
  ) -> Run {
    let clock = ManualClock()
    let executor = ManualExecutor()
    let source = RecordingSource(latency: latency, clock: clock)
    let terminal = MemoryTerminal(clock: clock, executor: executor, script: script)
    let session = ExplorerSession(
      source: source, size: terminal.size, prefetching: prefetching, executor: executor)
    terminal.onDraw = { _ in onDraw?(session) }
    let (status, latencies) = ExplorerRuntime.loop(
      terminal: terminal, session: session, clock: clock, pendingSignal: { signal?(terminal) })
    return Run(
      status: status, latencies: latencies, terminal: terminal, session: session, executor: executor,
      source: source)
  }

  /// The worker has stopped: a request now queues nothing.
  static func workerStopped(_ run: Run) -> Bool {
    run.session.worker.submit([.computeScores(user: 9, domain: 2)])
    return run.executor.queued == 0 && !run.session.worker.isBusy
  }

  @Test func keysMoveTheSelectionAndQuitRestoresTheTerminal() {
    let run = Self.run(
      script: MemoryTerminal.presses([.char("j"), .char("j"), .char("]"), .char("q")], from: 1, every: 1))
    #expect(run.status == 0 && !run.terminal.gaveUp)
    #expect(run.session.state.user == 2 && run.session.state.domain == 1)
    #expect(run.session.isComplete, "the last frame before q had its rankings and gates")
    #expect(run.terminal.lastFrame?.text.contains(TestSource.catalog.users[2].id) == true)
    #expect(run.terminal.isClosed && run.terminal.usedAfterClose == 0)
    #expect(Self.workerStopped(run))
    #expect(run.latencies("key").count == 3, "one frame per key but q: \(run.latencies)")
    #expect(run.latencies("results").count == 3, "each change reached a complete frame")
  }

  /// A termination signal ends the loop with 128 + the signal, mid-work (the ranking `j` asked for
  /// is queued, not run), and still stops the worker and restores the terminal.
  @Test func aSignalEndsTheLoopAndRestoresTheTerminal() {
    let run = Self.run(
      script: MemoryTerminal.presses([.char("j")], from: 1, every: 1), latency: 0.2, prefetching: false,
      signal: { terminal in terminal.scriptLeft == 0 ? 15 : nil })
    #expect(run.status == 128 + 15 && !run.terminal.gaveUp)
    #expect(!run.session.state.quit && run.session.state.user == 1)
    #expect(run.source.scoreCalls.allSatisfy { $0.user == 0 }, "user 1's ranking never ran")
    #expect(run.terminal.isClosed && run.terminal.usedAfterClose == 0)
    #expect(Self.workerStopped(run))
  }

  /// Holding `j` (issue 13, item 10): a key every 10 ms, a ranking takes 40 ms. The rankings keep
  /// coming while the key is held, the requests coalesce, and once it is released the worker
  /// finishes the job in flight and then the newest user.
  @Test func holdingAKeyCoalescesAndEndsOnTheNewestUser() {
    let presses = 60
    let releasedAt = 1 + Double(presses - 1) * 0.01
    var shownWhileHeld: Set<Int> = []
    let run = Self.run(
      script: MemoryTerminal.presses(Array(repeating: .char("j"), count: presses), from: 1, every: 0.01)
        + [(at: 5, event: .key(.char("q")))],
      latency: 0.04,
      onDraw: { session in
        if let user = session.state.rankings?.user, session.state.user < presses {
          shownWhileHeld.insert(user)
        }
      })
    #expect(run.session.state.user == presses && run.session.isComplete)
    #expect(run.session.state.rankings?.user == presses)
    #expect(
      shownWhileHeld.count >= 3, "rankings kept coming while the key was held: \(shownWhileHeld.sorted())")
    let scored = run.source.scoreCalls.filter { $0.at >= 1 }
    #expect(
      scored.count < presses / 2, "held presses coalesce: \(scored.count) rankings for \(presses) presses")
    let afterRelease = scored.filter { $0.at > releasedAt }.map(\.user)
    #expect(afterRelease.first(where: { $0 == presses }) != nil, "the newest user is scored: \(afterRelease)")
    #expect(
      afterRelease.prefix { $0 != presses }.count <= 1, "at most the job in flight before it: \(afterRelease)"
    )
  }

  /// With prefetching, stepping to the next user finds its scores and gates computed: the frame is
  /// complete at the first poll; without, it waits for the ranking's latency.
  @Test func prefetchingCompletesTheNextUserAtOnce() {
    let script = MemoryTerminal.presses([.char("j"), .char("q")], from: 2, every: 2)
    let on = Self.run(script: script, latency: 0.04, prefetching: true)
    let off = Self.run(script: script, latency: 0.04, prefetching: false)
    let changeOn = on.latencies("results").last ?? .infinity
    let changeOff = off.latencies("results").last ?? 0
    #expect(changeOn <= Double(ExplorerSession.busyPollMs), "prefetched: \(on.latencies)")
    #expect(changeOff >= 40, "not prefetched: the 40 ms ranking: \(off.latencies)")
    #expect(on.source.scoreCalls.contains { $0.user == 1 && $0.at < 2 }, "user 1 scored before j")
  }
}
