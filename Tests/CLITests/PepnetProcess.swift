import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A `pepnet` process started from the binary built beside the tests (pass absolute paths: it runs
/// in the test runner's working directory), with stdin from /dev/null
/// and stdout and stderr captured in files; for tests that need to signal it or wait for it.
final class PepnetProcess {
  enum Failure: Error { case binaryNotFound, spawnFailed(Int32) }

  /// The package root (the working directory of every run).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The binary built beside this test bundle.
  static let binary: String? = {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for candidate in [
      dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent(),
    ] {
      let path = candidate.appendingPathComponent("pepnet").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    let fallback = root.appendingPathComponent(".build/debug/pepnet").path
    return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
  }()

  let pid: pid_t
  private let outputDirectory: URL
  private(set) var exitStatus: Int32?

  /// Starts `pepnet arguments` with `environment` added to this process's environment.
  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    guard let binary = Self.binary else { throw Failure.binaryNotFound }
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
    var variables = ProcessInfo.processInfo.environment
    variables.merge(environment) { $1 }
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
    guard spawned == 0 else { throw Failure.spawnFailed(spawned) }
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
  func wait() -> Int32 {
    if let exitStatus { return exitStatus }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    exitStatus = code
    return code
  }

  var stdout: String {
    (try? String(contentsOf: outputDirectory.appendingPathComponent("out"), encoding: .utf8)) ?? ""
  }
  var stderr: String {
    (try? String(contentsOf: outputDirectory.appendingPathComponent("err"), encoding: .utf8)) ?? ""
  }

  /// Runs `pepnet arguments` to completion.
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> PepnetProcess {
    let process = try PepnetProcess(arguments, environment: environment)
    process.wait()
    return process
  }
}
