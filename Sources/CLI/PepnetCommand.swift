import ArgumentParser
import Foundation
import PepnetInference
import PepnetNumerics
import PepnetText

/// Entry point: select fast OpenBLAS kernels (see `BLASKernelSelection`), then run the command
/// and check that its output was written (`StandardOutput.finish`).
@main
enum PepnetMain {
  static func main() {
    BLASKernelSelection.reexecIfNeeded()
    do {
      var command = try PepnetCommand.parseAsRoot()
      try command.run()
      try StandardOutput.finish()
    } catch {
      // Usage errors exit with 2 (as POSIX tools do), failures with 1; messages are one line.
      let code = PepnetCommand.exitCode(for: error)
      if code == .success { printHelp(for: error) }
      var message = oneLine(failureMessage(error)).escapingControlCharacters()
      if code == .validationFailure { message += " (see 'pepnet help')" }
      writeToStandardError("pepnet: " + message + "\n")
      exit(code == .validationFailure ? 2 : code == .failure ? 1 : code.rawValue)
    }
  }

  /// `--help` (and `help`): the text on stdout and exit status 0, or a write error (status 1).
  static func printHelp(for request: Error) -> Never {
    do {
      let text = PepnetCommand.fullMessage(for: request)
      if !text.isEmpty { try StandardOutput.writeLine(text) }
      try StandardOutput.finish()
      exit(0)
    } catch {
      writeToStandardError("pepnet: \(error)\n")
      exit(1)
    }
  }
}

/// The message for a failure: Foundation's file errors as `path: reason` (the OS's words), other
/// errors as ArgumentParser describes them.
func failureMessage(_ error: Error) -> String {
  let ns = error as NSError
  if ns.domain == NSCocoaErrorDomain, let path = ns.userInfo[NSFilePathErrorKey] as? String {
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error,
      (underlying as NSError).domain == NSPOSIXErrorDomain
    {
      return "\(path): \(String(cString: strerror(Int32((underlying as NSError).code))))"
    }
    return "\(path): \(ns.localizedDescription)"
  }
  if let encoding = error as? EncodingError, case .invalidValue(let value, let context) = encoding {
    return "cannot save \(value) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
  }
  return PepnetCommand.message(for: error)
}

/// A failure of a command's work (exit status 1), as opposed to a usage error (`ValidationError`,
/// exit status 2).
struct CommandError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Errors are one line on stderr: line breaks inside a message become "; ".
func oneLine(_ text: String) -> String {
  let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
  return lines.filter { !$0.isEmpty }.joined(separator: "; ")
}

/// The `pepnet` command: train, evaluate, serve and explore PEPNet models.
struct PepnetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pepnet",
    abstract: "Train, evaluate, serve and explore PEPNet multi-domain multi-task recommenders.",
    subcommands: [
      // Each subcommand lives in its own file: <Name>Command.swift here, bench's in Bench/.
      VersionCommand.self, GenerateCommand.self, TrainCommand.self, EvalCommand.self, ExploreCommand.self,
      RankCommand.self, GatesCommand.self, InspectCommand.self, EncodeCommand.self, ImportCommand.self,
      BenchCommand.self,
    ]
  )
}
