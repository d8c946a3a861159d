import Foundation

/// Keypress to complete frame, through the explorer's own session and background worker: for a
/// user change, a domain change and an item move, the time from the key to the first frame that
/// shows the new selection's rankings and the highlighted item's gates. Each press waits until the
/// worker is idle (its prefetching done), as a person looking at the screen would, and results are
/// polled as often as the terminal loop polls them. Each domain change is made for a user not
/// visited before, so that it finds nothing cached but what prefetching computed.
public enum ExplorerLatencyBenchmark {
  public enum Change: String, CaseIterable, Sendable {
    case user = "user change (j in Users)"
    case domain = "domain change (])"
    case item = "item move (j in Rankings)"
  }

  public struct Report: Sendable, CustomStringConvertible {
    public var prefetching: Bool
    /// Milliseconds per press, by change.
    public var latencies: [Change: [Double]]
    /// Where a press's time went, milliseconds per press by change: the model work finished while
    /// it was waited on (`TimedSource`: scores, gates, Δavg; with prefetching, that may be a
    /// neighbour's), and the input thread's own work (taking and applying the results, which
    /// orders the rankings, and drawing the frame).
    public var phases: [Change: [String: [Double]]] = [:]

    public var description: String {
      let title =
        "keypress to complete frame (rankings and gates), prefetch \(prefetching ? "on" : "off"):"
      let lines = Change.allCases.compactMap { change -> String? in
        guard let values = latencies[change] else { return nil }
        let p50 = ExplorerBenchmark.Report.percentile(values, 0.5)
        let p95 = ExplorerBenchmark.Report.percentile(values, 0.95)
        let name = change.rawValue.padding(toLength: 27, withPad: " ", startingAt: 0)
        let line =
          "  \(name) n=\(values.count) p50 \(fmt(p50)) ms  p95 \(fmt(p95)) ms  max \(fmt(values.max() ?? 0)) ms"
        guard let parts = phases[change], !parts.isEmpty else { return line }
        let split = Self.phaseNames.compactMap { name in
          parts[name].map { "\(name) \(fmt(ExplorerBenchmark.Report.percentile($0, 0.5)))" }
        }
        return line + "\n    p50 ms: " + split.joined(separator: ", ")
      }
      return ([title] + lines).joined(separator: "\n")
    }
    private func fmt(_ v: Double) -> String { NumberFormat.fixed(Float(v), 1) }

    /// The phases in the order printed.
    static let phaseNames = TimedSource.Work.allCases.map(\.rawValue) + ["apply results", "frame"]
  }

  /// Measures `presses` of each change in `changes`. A press whose frame is not complete after
  /// `timeout` seconds counts as `timeout`.
  public static func run(
    source: ExplorerDataSource, presses: Int = 30, size: GridSize = GridSize(width: 120, height: 40),
    prefetching: Bool = true, changes: [Change] = Change.allCases, timeout: Double = 10
  ) -> Report {
    run(
      source: source, presses: presses, size: size, prefetching: prefetching, changes: changes,
      timeout: timeout, clock: SystemClock(), executor: SerialQueueExecutor())
  }

  /// The same on a given clock and worker executor (tests pass manual ones: a manual clock's
  /// `sleep` between polls is where their worker runs).
  static func run(
    source: ExplorerDataSource, presses: Int, size: GridSize, prefetching: Bool, changes: [Change],
    timeout: Double, clock: ExplorerClock, executor: WorkerExecutor
  ) -> Report {
    let timed = TimedSource(source, clock: clock)
    let session = ExplorerSession(
      source: timed, size: size, prefetching: prefetching, executor: executor)
    defer { session.shutdown() }
    var grid = CellGrid(width: 0, height: 0)
    var screen = CellGrid(width: 0, height: 0)
    var runs: [GridRun] = []
    /// The input thread's time in the current press, by phase.
    var inputSeconds: [String: Double] = [:]
    func frame() {
      let start = clock.now
      Explorer.render(session.state, into: &grid)
      GridDiff.runs(from: screen, to: grid, into: &runs)
      swap(&screen, &grid)
      inputSeconds["frame", default: 0] += clock.now - start
    }
    /// Takes the worker's results and hands it the requests, as the terminal loop does each turn.
    func turn() {
      let start = clock.now
      session.applyResults()
      session.submitRequests()
      inputSeconds["apply results", default: 0] += clock.now - start
    }
    /// Polls, `busyPollMs` apart, until `done` (checked right after each turn, so the time taken is
    /// not padded by a sleep after the frame is complete) or the timeout.
    func poll(until done: () -> Bool) {
      let deadline = clock.now + timeout
      while clock.now < deadline {
        turn()
        if done() { return }
        clock.sleep(Double(ExplorerSession.busyPollMs) / 1000)
      }
    }
    func settle() { poll { session.isComplete && session.worker.isIdle } }
    settle()
    frame()
    var latencies: [Change: [Double]] = [:]
    var phases: [Change: [String: [Double]]] = [:]
    for change in changes {
      let (pane, key): (Pane, Key) =
        switch change {
        case .user: (.users, .char("j"))
        case .domain: (.rankings, .char("]"))
        case .item: (.rankings, .char("j"))
        }
      focus(session, pane)
      settle()
      var values: [Double] = []
      for _ in 0..<presses {
        if change == .domain {
          // A user not seen yet, so the domain change cannot find a ranking cached from an
          // earlier visit: only prefetching can have it ready.
          let users = session.state.visibleUsers
          if let index = users.firstIndex(of: session.state.user), index + 1 < users.count {
            session.dispatch(.selectUser(users[index + 1]))
            session.submitRequests()
          }
        }
        settle()
        let modelBefore = timed.totals
        inputSeconds = [:]
        let start = clock.now
        session.dispatch(.key(key))
        session.submitRequests()
        poll { session.isComplete }
        frame()
        values.append((clock.now - start) * 1000)
        let modelAfter = timed.totals
        for work in TimedSource.Work.allCases {
          let ms = ((modelAfter[work] ?? 0) - (modelBefore[work] ?? 0)) * 1000
          phases[change, default: [:]][work.rawValue, default: []].append(ms)
        }
        for (name, seconds) in inputSeconds {
          phases[change, default: [:]][name, default: []].append(seconds * 1000)
        }
      }
      latencies[change] = values
    }
    return Report(prefetching: prefetching, latencies: latencies, phases: phases)
  }

  /// Moves the focus to `pane` with Tab presses.
  private static func focus(_ session: ExplorerSession, _ pane: Pane) {
    var presses = 0
    while session.state.focus != pane && presses < 10 {
      session.dispatch(.command(.nextPane))
      presses += 1
    }
  }
}
