import ArgumentParser
import Foundation
import PepnetNumerics

/// Entry point: select fast OpenBLAS kernels (see `BLASKernelSelection`), then run the command.
@main
enum PepnetMain {
  static func main() {
    BLASKernelSelection.reexecIfNeeded()
    do {
      var command = try PepnetCommand.parseAsRoot()
      try command.run()
    } catch {
      // Usage errors exit with 2 (as POSIX tools do), failures with 1; messages are one line.
      let code = PepnetCommand.exitCode(for: error)
      if code == .success {
        PepnetCommand.exit(withError: error)
      }
      let message = PepnetCommand.message(for: error)
      FileHandle.standardError.write(("pepnet: " + message + "\n").data(using: .utf8)!)
      if code == .validationFailure {
        FileHandle.standardError.write("Run 'pepnet help' for usage.\n".data(using: .utf8)!)
        exit(2)
      }
      exit(code == .failure ? 1 : code.rawValue)
    }
  }
}

/// The `pepnet` command: train, evaluate, serve and explore PEPNet models.
struct PepnetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pepnet",
    abstract: "Train, evaluate, serve and explore PEPNet multi-domain multi-task recommenders.",
    subcommands: [
      // Each subcommand lives in its own file in this folder.
      VersionCommand.self, GenerateCommand.self, TrainCommand.self, EvalCommand.self, ExploreCommand.self,
      RankCommand.self, GatesCommand.self, BenchCommand.self,
    ]
  )
}

struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
  func run() throws { print("pepnet 0.1.0") }
}
