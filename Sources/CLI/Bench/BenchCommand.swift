import ArgumentParser

/// `pepnet bench`: speed measurements on the standard configuration (see shared/bench/README.md).
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
