import ArgumentParser
import PepnetModel
import PepnetNumerics

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

  /// What every run does first: checks `--out` (a long run must not end in an error), gives
  /// OpenBLAS all the threads with `blasParallel` (one otherwise, one per data-parallel shard) and
  /// builds the standard PEPNet. `shards` is the thread count for the model's replicas.
  func prepare(blasParallel: Bool) throws -> (model: PEPNet, config: ModelConfig, shards: Int) {
    try checkAppendable(out)
    BLASThreads.set(blasParallel ? threads : 1)
    let config = config
    return (PEPNet(config: config, seed: 0), config, blasParallel ? 1 : threads)
  }

  /// Appends the result line to `--out`, if given (checked with `checkAppendable` before the run).
  func record(_ line: String) throws {
    if let out { try appendLine(line, to: out) }
  }
}
