import ArgumentParser
import PepnetNumerics

/// Entry point: select fast OpenBLAS kernels (see `BLASKernelSelection`), then run the command.
@main
enum PepnetMain {
  static func main() {
    BLASKernelSelection.reexecIfNeeded()
    PepnetCommand.main()
  }
}

/// The `pepnet` command: train, evaluate, serve and explore PEPNet models.
struct PepnetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pepnet",
    abstract: "Train, evaluate, serve and explore PEPNet multi-domain multi-task recommenders.",
    subcommands: [
      // Each subcommand lives in its own file in this folder.
      VersionCommand.self, BenchCommand.self,
    ]
  )
}

struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
  func run() throws { print("pepnet 0.1.0") }
}
