import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A process started for a test (by default the `pepnet` of `PepnetBinary`), with stdin from
/// /dev/null and stdout and stderr captured in files: the one process runner of the test targets.
/// Pass absolute paths: it runs in the test runner's working directory.
public final class PepnetProcess {
  public enum Failure: Error, CustomStringConvertible {
    case binaryNotFound
    case spawnFailed(String, Int32)
    case timedOut(String, seconds: Double)
    public var description: String {
      switch self {
      case .binaryNotFound: return "pepnet binary not found next to the tests (set PEPNET_BINARY)"
      case .spawnFailed(let program, let code): return "posix_spawn \(program) failed: \(code)"
      case .timedOut(let command, let seconds): return "`\(command)` did not finish within \(Int(seconds)) s"
      }
    }
  }

  /// The package root (the working directory of every run).
  public static var root: URL { PepnetBinary.root }
  /// The binary the runs start.
  public static var binary: String? { PepnetBinary.path }

  public let pid: pid_t
  /// The command line as started, for messages.
  public let commandLine: String
  private let outputDirectory: URL
  public private(set) var exitStatus: Int32?

  /// Starts `pepnet arguments` (or `executable arguments`) with `environment` added to this
  /// process's environment, without the variables named in `removing`. With `asNobody` the
  /// process runs as the unprivileged user `nobody` through `setpriv` (when this process is root,
  /// where permission bits would not stop a read).
  public init(
    _ arguments: [String], executable: String? = nil, environment: [String: String] = [:],
    removing removed: Set<String> = [], asNobody: Bool = false
  ) throws {
    guard let program = executable ?? Self.binary else { throw Failure.binaryNotFound }
    var argv = [program] + arguments
    if asNobody && geteuid() == 0 {
      argv = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + argv
    }
    commandLine = argv.joined(separator: " ")
    outputDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-proc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, outputDirectory.appendingPathComponent("out").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(
      &actions, 2, outputDirectory.appendingPathComponent("err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var variables = ProcessInfo.processInfo.environment.filter { !removed.contains($0.key) }
    variables.merge(environment) { $1 }
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (cArguments + cEnvironment).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
    guard spawned == 0 else {
      try? FileManager.default.removeItem(at: outputDirectory)
      throw Failure.spawnFailed(argv[0], spawned)
    }
    self.pid = pid
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      waitpid(pid, nil, 0)
    }
    try? FileManager.default.removeItem(at: outputDirectory)
  }

  /// Waits for the process to end; its exit status, or 128 + the signal that ended it.
  @discardableResult
  public func wait() -> Int32 {
    if let exitStatus { return exitStatus }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return record(status)
  }

  /// Waits at most `seconds`; past that the process is killed and `Failure.timedOut` thrown.
  @discardableResult
  public func wait(seconds: Double) throws -> Int32 {
    if let exitStatus { return exitStatus }
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(seconds)
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() > deadline {
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        exitStatus = 128 + SIGKILL
        throw Failure.timedOut(commandLine, seconds: seconds)
      }
      usleep(2_000)
    }
    return record(status)
  }

  private func record(_ status: Int32) -> Int32 {
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    exitStatus = code
    return code
  }

  public var stdout: String {
    (try? String(contentsOf: outputDirectory.appendingPathComponent("out"), encoding: .utf8)) ?? ""
  }
  public var stderr: String {
    (try? String(contentsOf: outputDirectory.appendingPathComponent("err"), encoding: .utf8)) ?? ""
  }

  /// Runs `pepnet arguments` to completion.
  public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> PepnetProcess {
    let process = try PepnetProcess(arguments, environment: environment)
    process.wait()
    return process
  }
}
