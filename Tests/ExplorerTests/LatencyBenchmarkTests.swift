import Testing

@testable import PepnetExplorer

/// `pepnet bench explorer`'s keypress-to-complete-frame measurement (issue 13, item 19).
@Suite struct LatencyBenchmarkTests {
  @Test func measuresEveryChangeToACompleteFrame() {
    let source = SyntheticExplorerSource(seed: 42, latency: 0.01)
    let report = ExplorerLatencyBenchmark.run(source: source, presses: 3, timeout: 5)
    for change in ExplorerLatencyBenchmark.Change.allCases {
      let values = report.latencies[change] ?? []
      #expect(values.count == 3, "\(change)")
      #expect(values.allSatisfy { $0 > 0 && $0 < 5000 }, "\(change): complete within the timeout: \(values)")
    }
    #expect(report.description.contains("user change") && report.description.contains("p95"))
  }

  /// With prefetching a user or domain change finds its scores and gates computed; without, it
  /// waits for the 200 ms the ranking takes (long, so that a debug build on a loaded machine
  /// cannot blur the difference).
  @Test func prefetchedChangesDoNotWaitForTheModel() {
    let source = SyntheticExplorerSource(seed: 42, latency: 0.2)
    let on = ExplorerLatencyBenchmark.run(source: source, presses: 3, changes: [.user, .domain], timeout: 5)
    let off = ExplorerLatencyBenchmark.run(
      source: source, presses: 3, prefetching: false, changes: [.user, .domain], timeout: 5)
    for change in [ExplorerLatencyBenchmark.Change.user, .domain] {
      let prefetched = ExplorerBenchmark.Report.percentile(on.latencies[change] ?? [], 0.5)
      let cold = ExplorerBenchmark.Report.percentile(off.latencies[change] ?? [], 0.5)
      #expect(cold >= 200, "\(change): a cold change waits for the ranking: \(cold) ms")
      #expect(prefetched < cold, "\(change): prefetched \(prefetched) ms, cold \(cold) ms")
      // Not even one press waits for a ranking: a prefetch hint handed to the worker before the
      // request it came with started a prefetch that the selection on screen then waited for.
      let worst = on.latencies[change]?.max() ?? 0
      #expect(
        worst < 200, "\(change): a prefetched change waited for the model: \(on.latencies[change] ?? [])")
    }
  }
}

/// `pepnet bench explorer`'s overview and effect measurements (issue 14): every press reaches a
/// complete frame of its view.
@Suite struct ViewBenchmarkTests {
  @Test func measuresEveryViewChangeToACompleteFrame() {
    let report = ExplorerViewBenchmark.run(
      source: SyntheticExplorerSource(seed: 42, latency: 0.002), presses: 2)
    #expect(report.incomplete == 0, "\(report)")
    #expect(report.latencies.map(\.values.count) == [1, 2, 2, 2, 1, 2])
    #expect(
      report.description.contains("effect, user change")
        && report.description.contains("overview, first open"))
  }
}
