import Dispatch
import Foundation

/// Keypress to complete frame for the overview and effect views (issue 14), through the explorer's
/// own session and background worker, as `ExplorerLatencyBenchmark` measures the main view: the
/// effect view's first opening (which also draws one domain's population sample for the average
/// gates), then a user change (two rankings: own and average gates), another average for a user
/// not scored yet (two more) and a task tab (the cached scores compared again); the overview's first opening (the sample
/// over every domain) and its reopening (cached).
public enum ExplorerViewBenchmark {
  public struct Report: Sendable, CustomStringConvertible {
    /// Milliseconds, by measurement, in the order measured.
    public var latencies: [(name: String, values: [Double])]
    /// Presses whose frame was not complete by the timeout (their time is the timeout).
    public var incomplete: Int

    public var description: String {
      let lines = latencies.map { name, values -> String in
        let p50 = ExplorerBenchmark.Report.percentile(values, 0.5)
        let p95 = ExplorerBenchmark.Report.percentile(values, 0.95)
        let padded = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        return
          "  \(padded) n=\(values.count) p50 \(fmt(p50)) ms  p95 \(fmt(p95)) ms  max \(fmt(values.max() ?? 0)) ms"
      }
      let title = "keypress to complete frame, overview and effect views:"
      let note = incomplete > 0 ? ["  \(incomplete) frames not complete by the timeout"] : []
      return ([title] + lines + note).joined(separator: "\n")
    }
    private func fmt(_ v: Double) -> String { NumberFormat.fixed(Float(v), 1) }
  }

  /// Measures `presses` of each repeated change; a frame not complete after `timeout` seconds
  /// counts as `timeout`. Prefetching is off: it serves the main view only.
  public static func run(
    source: ExplorerDataSource, presses: Int = 10, size: GridSize = GridSize(width: 120, height: 40),
    timeout: Double = 60
  ) -> Report {
    let session = ExplorerSession(source: source, size: size, prefetching: false)
    defer { session.shutdown() }
    var grid = CellGrid(width: 0, height: 0)
    var screen = CellGrid(width: 0, height: 0)
    var runs: [GridRun] = []
    func poll() {
      session.applyResults()
      session.submitRequests()
      if !session.isComplete || !session.worker.isIdle {
        usleep(useconds_t(ExplorerSession.busyPollMs * 1000))
      }
    }
    func settle() {
      let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
      while !(session.isComplete && session.worker.isIdle) && DispatchTime.now().uptimeNanoseconds < deadline
      {
        poll()
      }
    }
    /// The time from `key` to the first complete frame, in milliseconds.
    func press(_ key: Key) -> Double {
      settle()
      let start = DispatchTime.now().uptimeNanoseconds
      let deadline = start + UInt64(timeout * 1e9)
      session.dispatch(.key(key))
      session.submitRequests()
      while !session.isComplete && DispatchTime.now().uptimeNanoseconds < deadline { poll() }
      if !session.isComplete { incomplete += 1 }
      Explorer.render(session.state, into: &grid)
      GridDiff.runs(from: screen, to: grid, into: &runs)
      swap(&screen, &grid)
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
    var incomplete = 0
    settle()
    var latencies: [(name: String, values: [Double])] = []
    latencies.append(("effect, first open (e; one domain's sample)", [press(.char("e"))]))
    latencies.append(("effect, user change (j; two rankings)", (0..<presses).map { _ in press(.char("j")) }))
    // Each on a user not scored yet, so that no average is cached.
    latencies.append(
      (
        "effect, next average (a; two rankings)",
        (0..<presses).map { _ in
          _ = press(.char("j"))
          return press(.char("a"))
        }
      ))
    latencies.append(("effect, task tab (l; cached scores)", (0..<presses).map { _ in press(.char("l")) }))
    _ = press(.char("e"))
    latencies.append(("overview, first open (o; the sample)", [press(.char("o"))]))
    latencies.append(
      (
        "overview, reopened (o o; cached)",
        (0..<presses).map { _ in
          _ = press(.char("o"))
          return press(.char("o"))
        }
      ))
    return Report(latencies: latencies, incomplete: incomplete)
  }
}
