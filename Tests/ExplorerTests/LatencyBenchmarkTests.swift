import Testing

@testable import PepnetExplorer

/// `pepnet bench explorer`'s keypress-to-complete-frame measurement (issue 13, item 19), run on a
/// manual clock and executor: the worker runs while the benchmark sleeps between polls and the
/// model's latency passes on the clock, so every figure is exact and nothing is timed.
@Suite struct LatencyBenchmarkTests {
  static let poll = Double(ExplorerSession.busyPollMs)

  static func measure(
    latency: Double, prefetching: Bool = true,
    changes: [ExplorerLatencyBenchmark.Change] = ExplorerLatencyBenchmark.Change.allCases
  ) -> ExplorerLatencyBenchmark.Report {
    let executor = ManualExecutor()
    let clock = ManualClock(runningWhileAsleep: executor)
    let source = SyntheticExplorerSource(seed: 42, latency: latency, clock: clock)
    return ExplorerLatencyBenchmark.run(
      source: source, presses: 3, size: GridSize(width: 120, height: 40), prefetching: prefetching,
      changes: changes, timeout: 5, clock: clock, executor: executor)
  }

  static func near(_ values: [Double], _ expected: Double) -> Bool {
    values.count == 3 && values.allSatisfy { abs($0 - expected) < 1e-6 }
  }

  /// Every change is measured to its complete frame: with everything prefetched (and an item move
  /// needing only gates, which take no model latency here) each completes at the first poll.
  @Test func measuresEveryChangeToACompleteFrame() {
    let report = Self.measure(latency: 0.01)
    for change in ExplorerLatencyBenchmark.Change.allCases {
      let values = report.latencies[change] ?? []
      #expect(Self.near(values, Self.poll), "\(change): \(values)")
    }
    #expect(report.description.contains("user change") && report.description.contains("p95 2.0 ms"))
  }

  /// With prefetching a user or domain change finds its scores and gates computed; without, it
  /// waits for the 200 ms the ranking takes, then the poll that finds it.
  @Test func prefetchedChangesDoNotWaitForTheModel() {
    let on = Self.measure(latency: 0.2, changes: [.user, .domain])
    let off = Self.measure(latency: 0.2, prefetching: false, changes: [.user, .domain])
    for change in [ExplorerLatencyBenchmark.Change.user, .domain] {
      // Not even one press waits for a ranking: a prefetch hint handed to the worker before the
      // request it came with started a prefetch that the selection on screen then waited for.
      #expect(
        Self.near(on.latencies[change] ?? [], Self.poll),
        "\(change): prefetched \(on.latencies[change] ?? [])")
      #expect(
        Self.near(off.latencies[change] ?? [], 200 + Self.poll),
        "\(change): cold \(off.latencies[change] ?? [])")
    }
  }
}
