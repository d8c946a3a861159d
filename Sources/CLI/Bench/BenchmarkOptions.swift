import ArgumentParser
import PepnetModel

/// The options of the benchmarks on the standard configuration (`bench train`, `bench score`):
/// threads, which PPNet options, and the results file.
struct BenchmarkOptions: ParsableArguments {
  @Option(help: "Threads.") var threads = 2
  @Flag(help: "Use this project's default (paper-literal) PPNet options instead of the reference's.")
  var paperOptions = false
  @Option(help: "Append the result as one JSON line to this file.") var out: String?

  /// `--threads`' usage error.
  func checkThreads() throws { try checkRange("--threads", threads, 1...256) }

  /// The standard configuration with the chosen PPNet options.
  var config: ModelConfig { StandardBenchmark.config(referenceOptions: !paperOptions) }

  /// "paper" or "reference", as the results name the options.
  var optionsName: String { paperOptions ? "paper" : "reference" }

  /// Appends the result line to `--out`, if given (checked with `checkAppendable` before the run).
  func record(_ line: String) throws {
    if let out { try appendLine(line, to: out) }
  }
}
