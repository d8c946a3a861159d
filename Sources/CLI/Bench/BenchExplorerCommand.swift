import ArgumentParser
import PepnetExplorer

/// `pepnet bench explorer`: on a real bundle, keypress to complete frame (rankings and gates)
/// through the explorer's background worker for a user change, a domain change and an item move,
/// with prefetching on (as the explorer runs) and off; then the frame cost of navigation alone
/// (update, view, grid diff) and of a synchronous re-ranking.
struct BenchExplorerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explorer",
    abstract: "Explorer latencies: keypress to complete frame (p50, p95), and frame times.")

  @Argument(help: "Model bundle directory.") var bundle: String = "sample-data/model"
  @Option(help: "Key presses per change measured from keypress to complete frame.") var changes = 30
  @Option(help: "Navigation key presses to replay (a tenth as many selection changes).") var presses = 500
  @Option(help: "Frame size as WIDTHxHEIGHT.") var size = "120x40"

  func validate() throws {
    try checkRange("--changes", changes, 0...10_000)
    try checkRange("--presses", presses, 0...1_000_000)
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
  }
}
