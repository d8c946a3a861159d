import ArgumentParser
import PepnetExplorer

/// `pepnet bench explorer`: key press to frame (update, view, grid diff) on a real bundle, with
/// the model work of user and domain changes (re-ranking the whole catalog) included.
struct BenchExplorerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explorer",
    abstract: "Explorer frame times (p50, p95) for navigation and for user/domain changes.")

  @Argument(help: "Model bundle directory.") var bundle: String = "sample-data/model"
  @Option(help: "Navigation key presses to replay (a tenth as many selection changes).") var presses = 500
  @Option(help: "Frame size as WIDTHxHEIGHT.") var size = "120x40"

  func validate() throws {
    try checkRange("--presses", presses, 0...1_000_000)
  }

  func run() throws {
    guard let grid = ExploreCommand.parseSize(size) else {
      throw ValidationError("--size must look like 120x40, got '\(size)'")
    }
    let source = try loadExplorerSource(bundlePath: bundle)
    try StandardOutput.writeLine("\(ExplorerBenchmark.run(source: source, presses: presses, size: grid))")
  }
}
