import ArgumentParser

/// The `pepnet` command: train, evaluate, serve and explore PEPNet models.
@main
struct PepnetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pepnet",
    abstract: "Train, evaluate, serve and explore PEPNet multi-domain multi-task recommenders.",
    subcommands: [
      // Each subcommand lives in its own file in this folder.
      VersionCommand.self
    ]
  )
}

struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
  func run() throws { print("pepnet 0.1.0") }
}
