import Dispatch
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

    public var description: String {
      let title =
        "keypress to complete frame (rankings and gates), prefetch \(prefetching ? "on" : "off"):"
      let lines = Change.allCases.compactMap { change -> String? in
        guard let values = latencies[change] else { return nil }
        let p50 = ExplorerBenchmark.Report.percentile(values, 0.5)
        let p95 = ExplorerBenchmark.Report.percentile(values, 0.95)
        let name = change.rawValue.padding(toLength: 27, withPad: " ", startingAt: 0)
        return
          "  \(name) n=\(values.count) p50 \(fmt(p50)) ms  p95 \(fmt(p95)) ms  max \(fmt(values.max() ?? 0)) ms"
      }
      return ([title] + lines).joined(separator: "\n")
    }
    private func fmt(_ v: Double) -> String { NumberFormat.fixed(Float(v), 1) }
  }

  /// Measures `presses` of each change in `changes`. A press whose frame is not complete after
  /// `timeout` seconds counts as `timeout`.
  public static func run(
    source: ExplorerDataSource, presses: Int = 30, size: GridSize = GridSize(width: 120, height: 40),
    prefetching: Bool = true, changes: [Change] = Change.allCases, timeout: Double = 10
  ) -> Report {
    let session = ExplorerSession(source: source, size: size, prefetching: prefetching)
    defer { session.shutdown() }
    var grid = CellGrid(width: 0, height: 0)
    var screen = CellGrid(width: 0, height: 0)
    var runs: [GridRun] = []
    func frame() {
      Explorer.render(session.state, into: &grid)
      GridDiff.runs(from: screen, to: grid, into: &runs)
      swap(&screen, &grid)
    }
    func settle() {
      let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
      while !(session.isComplete && session.worker.isIdle) && DispatchTime.now().uptimeNanoseconds < deadline
      {
        poll()
      }
    }
    func poll() {
      session.applyResults()
      session.submitRequests()
      if !session.isComplete || !session.worker.isIdle {
        usleep(useconds_t(ExplorerSession.busyPollMs * 1000))
      }
    }
    settle()
    frame()
    var latencies: [Change: [Double]] = [:]
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
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(timeout * 1e9)
        session.dispatch(.key(key))
        session.submitRequests()
        while !session.isComplete && DispatchTime.now().uptimeNanoseconds < deadline { poll() }
        frame()
        values.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      latencies[change] = values
    }
    return Report(prefetching: prefetching, latencies: latencies)
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
