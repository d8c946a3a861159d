import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private tmux server running one shell, driven by send-keys and read by capture-pane.
public final class Tmux {
  public struct Timeout: Error, CustomStringConvertible {
    public var waitingFor: String
    public var screen: String
    public var description: String { "timed out waiting for '\(waitingFor)'; screen:\n\(screen)" }
  }

  public static let isInstalled: Bool = executable != nil
  public static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first {
      FileManager.default.isExecutableFile(atPath: $0)
    }

  public let socket = "pepnet-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

  public init(width: Int, height: Int) throws {
    let status = run([
      "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)",
      "env", "-i", "PATH=/usr/bin:/bin", "TERM=screen-256color", "LANG=C.UTF-8", "HOME=/tmp", "PS1=$ ", "sh",
    ]).status
    guard status == 0 else { throw Timeout(waitingFor: "tmux new-session (status \(status))", screen: "") }
    _ = run(["set-option", "-g", "window-size", "manual"])
    _ = try waitFor("$")
  }

  /// Runs a tmux client command with posix_spawn and waitpid (Foundation's Process can hang waiting
  /// for a client whose server daemonised). Output is read only when asked.
  @discardableResult
  public func run(_ arguments: [String], output wantsOutput: Bool = false) -> (status: Int32, output: String)
  {
    Tmux.spawn([Tmux.executable!, "-L", socket] + arguments, captureOutput: wantsOutput)
  }

  static func spawn(_ argv: [String], captureOutput: Bool) -> (status: Int32, output: String) {
    var fds: [Int32] = [-1, -1]
    if captureOutput { guard pipe(&fds) == 0 else { return (-1, "") } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if captureOutput {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_addclose(&actions, fds[1])
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    // Keep the test runner's descriptors out of a daemonising tmux server.
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for fd in open.compactMap({ Int32($0) }) where fd > 2 && !fds.contains(fd) {
      posix_spawn_file_actions_addclose(&actions, fd)
    }
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    var text = ""
    if captureOutput {
      close(fds[1])
      if spawned == 0 {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
          let n = read(fds[0], &buffer, buffer.count)
          if n <= 0 { break }
          data += buffer[0..<n]
        }
        text = String(decoding: data, as: UTF8.self)
      }
      close(fds[0])
    }
    guard spawned == 0 else { return (-1, "") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = (status & 0x7f) == 0
    return (exited ? (status >> 8) & 0xff : -1, text)
  }

  /// Types literal text, then Enter when asked.
  public func send(_ text: String, enter: Bool = false) {
    run(["send-keys", "-t", "e2e", "-l", text])
    if enter { sendKey("Enter") }
  }

  /// Sends a named key such as `C-c` or `Enter`.
  public func sendKey(_ key: String) { run(["send-keys", "-t", "e2e", key]) }

  /// A tmux format expanded for the pane, e.g. `#{alternate_on}`.
  public func display(_ format: String) -> String {
    run(["display-message", "-p", "-t", "e2e", format], output: true).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  public func capture() -> String { run(["capture-pane", "-p", "-t", "e2e"], output: true).output }

  public func resize(width: Int, height: Int) throws {
    let status = run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"]).status
    guard status == 0 else {
      throw Timeout(waitingFor: "resize-window (status \(status))", screen: capture())
    }
  }

  /// Polls the screen until it contains `text` (and not `absent`, and passes `check`), or times out.
  @discardableResult
  public func waitFor(
    _ text: String, absent: String? = nil, check: (String) -> Bool = { _ in true }, timeout: Double = 15
  )
    throws -> String
  {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    while Date() < deadline {
      screen = capture()
      if screen.contains(text) && !(absent.map { screen.contains($0) } ?? false) && check(screen) {
        return screen
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Timeout(waitingFor: text, screen: screen)
  }

  /// Ends the session (which ends the server with it) and then the server itself.
  public func kill() {
    run(["kill-session", "-t", "e2e"])
    run(["kill-server"])
  }
}
