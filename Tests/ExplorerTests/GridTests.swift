import Foundation
import PepnetExplorer
import Testing

/// Cell grid, diff and widgets-level checks.
@Suite struct GridTests {
  @Test func writeClipsAndEllipsizes() {
    var grid = CellGrid(width: 10, height: 2)
    grid.write(2, 0, "abcdefghijkl", maxWidth: 5, ellipsis: "…")
    #expect(grid.text == "  abcd…\n")
    grid.write(8, 1, "xyz")
    #expect(grid.text == "  abcd…\n        xy")
  }

  @Test func diffOfEqualGridsIsEmptyAndFullOnFirstFrame() {
    let grid = Explorer.view(TestSource.loaded())
    var runs: [GridRun] = []
    GridDiff.runs(from: grid, to: grid, into: &runs)
    #expect(runs.isEmpty)
    GridDiff.runs(from: nil, to: grid, into: &runs)
    #expect(runs.reduce(0) { $0 + $1.count } == grid.width * grid.height)
  }

  @Test func applyingTheDiffReproducesTheNewFrame() {
    let before = Explorer.view(TestSource.loaded())
    let state = TestSource.settle(TestSource.loaded(), [.key(.char("j")), .key(.char("2")), .tick(100)])
    let after = Explorer.view(state)
    var runs: [GridRun] = []
    GridDiff.runs(from: before, to: after, into: &runs)
    #expect(!runs.isEmpty)
    #expect(
      runs.reduce(0) { $0 + $1.count } < after.width * after.height / 2, "only changed cells are written")
    var screen = before
    for run in runs {
      for i in 0..<run.count {
        screen[run.x + i, run.y] = after[run.x + i, run.y]
        #expect(after[run.x + i, run.y].style == run.style)
      }
    }
    #expect(screen == after)
  }

  /// The benchmark times what it says: on a manual clock that only the model's 10 ms latency moves,
  /// navigation (update, view, diff; no model call) takes 0 ms and every selection change exactly
  /// one ranking's 10 ms.
  @Test func benchmarkTimesNavigationAndSelectionChanges() {
    let clock = ManualClock()
    let source = SyntheticExplorerSource(seed: 42, latency: 0.01, clock: clock)
    let report = ExplorerBenchmark.run(source: source, presses: 40, clock: clock)
    #expect(report.navigation.count == 40 && report.selection.count == 4)
    #expect(report.navigation.allSatisfy { $0 == 0 }, "\(report.navigation)")
    #expect(report.selection.allSatisfy { abs($0 - 10) < 1e-6 }, "\(report.selection)")
    #expect(report.description.contains("p95 10.000 ms"), "\(report.description)")
  }

  /// The percentile the benchmark reports (`p95 > 0` of measured times could not fail): the
  /// nearest-rank value of the sorted sample, whatever the order of the sample.
  @Test func percentilesAreNearestRank() {
    let values = (1...20).map(Double.init).reversed().map { $0 }
    #expect(ExplorerBenchmark.Report.percentile(values, 0.5) == 11)
    #expect(ExplorerBenchmark.Report.percentile(values, 0.95) == 19)
    #expect(ExplorerBenchmark.Report.percentile(values, 1) == 20)
    #expect(ExplorerBenchmark.Report.percentile(values, 0) == 1)
    #expect(ExplorerBenchmark.Report.percentile([], 0.95) == 0)
  }

  /// Prints frame timings with the default-latency synthetic source: `PEPNET_EXPLORER_BENCH=1`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["PEPNET_EXPLORER_BENCH"] == "1"))
  func printBenchmark() {
    for size in [GridSize(width: 120, height: 40), GridSize(width: 80, height: 24)] {
      let report = ExplorerBenchmark.run(source: SyntheticExplorerSource(), presses: 1000, size: size)
      print("explorer benchmark \(size.width)x\(size.height):\n\(report)")
    }
  }
}
