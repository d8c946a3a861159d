import ArgumentParser
import Dispatch
import Foundation
import PepnetExplorer

/// `pepnet bench explorer`: on a real bundle, keypress to complete frame (rankings and gates)
/// through the explorer's background worker for a user change, a domain change and an item move,
/// with prefetching on (as the explorer runs) and off; then the frame cost of navigation alone
/// (update, view, grid diff) and of a synchronous re-ranking; then the overview's and effect view's
/// keypress to complete frame, and what the overview's population sample costs to compute.
struct BenchExplorerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explorer",
    abstract: "Explorer latencies: keypress to complete frame (p50, p95), and frame times.")

  @Argument(help: "Model bundle directory.") var bundle: String = "sample-data/model"
  @Option(help: "Key presses per change measured from keypress to complete frame.") var changes = 30
  @Option(help: "Navigation key presses to replay (a tenth as many selection changes).") var presses = 500
  @Option(help: "Frame size as WIDTHxHEIGHT.") var size = "120x40"
  @Option(help: "Key presses per change in the overview and effect views (0 skips them).") var views = 10

  func validate() throws {
    try checkRange("--changes", changes, 0...10_000)
    try checkRange("--presses", presses, 0...1_000_000)
    try checkRange("--views", views, 0...1_000)
  }

  func run() throws {
    guard let grid = ExploreCommand.parseSize(size) else {
      throw ValidationError("--size must look like 120x40, got '\(size)'")
    }
    let source = try loadExplorerSource(bundlePath: bundle)
    try StandardOutput.writeLine(
      "\(ExplorerLatencyBenchmark.run(source: source, presses: changes, size: grid, prefetching: true))")
    try StandardOutput.writeLine(
      "\(ExplorerLatencyBenchmark.run(source: source, presses: changes, size: grid, prefetching: false, changes: [.user, .domain]))"
    )
    try StandardOutput.writeLine("\(ExplorerBenchmark.run(source: source, presses: presses, size: grid))")
    if views > 0 {
      // Fresh sources: each computes its population sample itself, as a new session does.
      try StandardOutput.writeLine(
        "\(ExplorerViewBenchmark.run(source: try loadExplorerSource(bundlePath: bundle), presses: views, size: grid))"
      )
      let fresh = try loadExplorerSource(bundlePath: bundle)
      let start = DispatchTime.now().uptimeNanoseconds
      let population = fresh.population()
      let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      let pairs = population.map {
        "\($0.users) users × \($0.itemsPerUser) items × \(fresh.domains.count) domains"
      }
      try StandardOutput.writeLine(
        "population sample (overview, every domain): \(String(format: "%.1f", ms)) ms for \(pairs ?? "no gates")"
      )
    }
  }
}
