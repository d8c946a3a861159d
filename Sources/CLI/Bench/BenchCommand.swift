import ArgumentParser

/// `pepnet bench`: speed measurements on the standard configuration (`StandardBenchmark`), the
/// one the PyTorch reference runs (`scripts/bench-vs-torch.sh`, docs/performance.md).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks on the standard configuration shared with the PyTorch reference.",
    subcommands: [
      BenchTrainCommand.self, BenchScoreCommand.self, BenchExplorerCommand.self, BenchIngestCommand.self,
      BenchFidelityCommand.self,
    ]
  )
}
