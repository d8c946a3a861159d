import ArgumentParser

/// `pepnet version`: the version, on stdout.
struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
  func run() throws { try StandardOutput.writeLine("pepnet 0.1.0") }
}
