import Foundation
import Testing

/// The real `pepnet` binary under tmux: keys in, screen text out, terminal restored afterwards.
@Suite(.serialized) struct EndToEndTests {
  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end explorer test"))
  func exploreUnderTmux() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.kill() }
    let timings = FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-e2e-\(getpid()).txt")
      .path
    tmux.send("PEPNET_EXPLORER_TIMINGS=\(timings) \(binary) explore --synthetic; echo EXIT=$?", enter: true)
    // Each wait is for a whole frame: the terminal may be captured half-way through a redraw
    // (under load the first frame arrived with only its top rows drawn).
    var screen = try tmux.waitFor(
      "? help", check: { $0.contains("EPNet gates") && $0.contains("Profile u1000") })
    #expect(screen.contains("[1 double-feed]"))
    #expect(screen.contains("Profile u1000"))
    #expect(screen.contains("? help"))

    tmux.send("j")
    screen = try tmux.waitFor("Profile u1007")
    tmux.send("2")
    screen = try tmux.waitFor(
      "[2 single-feed]", check: { $0.contains("Rankings · like") && $0.contains("? help") })
    #expect(screen.contains("Rankings · like"))
    tmux.send("?")
    screen = try tmux.waitFor("Help: keys", check: { $0.contains("Filter users by id or feature text") })
    #expect(screen.contains("Filter users by id or feature text"))
    tmux.send("?")
    screen = try tmux.waitFor("EPNet gates", absent: "Help: keys")

    try tmux.resize(width: 80, height: 24)
    screen = try tmux.waitFor("Rankings", check: { $0.split(separator: "\n").allSatisfy { $0.count <= 80 } })
    #expect(screen.contains("Users"))
    try tmux.resize(width: 60, height: 20)
    screen = try tmux.waitFor("need 80x24, have 60x20")
    try tmux.resize(width: 120, height: 40)
    screen = try tmux.waitFor("PPNet gates", absent: "too small")

    tmux.send("q")
    screen = try tmux.waitFor("EXIT=0")
    tmux.send("stty -a", enter: true)
    screen = try tmux.waitFor("icanon")
    let flags = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    #expect(flags.contains("icanon") && flags.contains("echo"), "terminal not restored:\n\(screen)")
    #expect(!flags.contains("-icanon") && !flags.contains("-echo"), "terminal not restored:\n\(screen)")
    let lines = (try? String(contentsOfFile: timings, encoding: .utf8))?.split(separator: "\n") ?? []
    let latencies = lines.filter { $0.hasPrefix("key ") }.compactMap { Double(String($0.dropFirst(4))) }
    #expect(latencies.count >= 4, "keypress-to-frame timings were written")
    #expect(lines.contains { $0.hasPrefix("results ") }, "user/domain change timings were written")
    try? FileManager.default.removeItem(atPath: timings)
  }

  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end explorer test"))
  func ctrlCAndSigtermRestoreTheTerminal() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.kill() }
    tmux.send("\(binary) explore --synthetic; echo EXIT=$?", enter: true)
    _ = try tmux.waitFor("EPNet gates")
    tmux.sendKey("C-c")
    _ = try tmux.waitFor("EXIT=0")
    tmux.send(
      "clear; sh -c '\(binary) explore --synthetic </dev/tty & sleep 1.5; kill -TERM $!; wait $!; echo TERM\"\"EXIT=$?'",
      enter: true)
    let screen = try tmux.waitFor("TERMEXIT=")
    #expect(screen.contains("TERMEXIT=143"))
    tmux.send("clear; stty -a", enter: true)
    let stty = try tmux.waitFor("icanon")
    let flags = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    #expect(flags.contains("icanon") && flags.contains("echo") && !flags.contains("-echo"), "\(stty)")
  }

  /// SIGHUP (the terminal went away) and a fatal signal (SIGSEGV, as a crash would raise) must
  /// restore the terminal too.
  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end explorer test"))
  func sighupAndACrashRestoreTheTerminal() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.kill() }
    for (signal, marker) in [("HUP", "HUPEXIT="), ("SEGV", "SEGVEXIT=")] {
      tmux.send(
        "clear; sh -c '\(binary) explore --synthetic </dev/tty & sleep 1.5; kill -\(signal) $!; wait $!; "
          + "echo \(signal)\"\"EXIT=$?'",
        enter: true)
      let screen = try tmux.waitFor(marker)
      #expect(!screen.contains("\(marker)0"), "a signal death is not a clean exit: \(screen)")
      tmux.send("clear; stty -a", enter: true)
      let stty = try tmux.waitFor("icanon")
      let flags = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
      #expect(
        flags.contains("icanon") && flags.contains("echo") && !flags.contains("-echo"), "\(signal): \(stty)")
    }
  }

  /// Alt-x, a focus report, an SGR mouse click and Esc each leave the explorer running, and none
  /// of their bytes reach the shell afterwards (issue 13, item 7: each counted as Esc, which quit).
  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end explorer test"))
  func escapeSequencesAndEscDoNotQuit() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.kill() }
    tmux.send("\(binary) explore --synthetic; echo EXIT=$?", enter: true)
    _ = try tmux.waitFor("EPNet gates", check: { $0.contains("Profile u1000") && $0.contains("? help") })
    #expect(
      tmux.display("#{mouse_standard_flag}#{mouse_sgr_flag}") == "11", "click and SGR mouse reporting on")
    tmux.sendKey("M-x")
    tmux.send("\u{1B}[I")
    tmux.send("\u{1B}[<0;3;5M")  // a click on the Users row of u1007 (1-based column 3, row 5)
    _ = try tmux.waitFor("Profile u1007")
    tmux.sendKey("Escape")
    // A key within the escape delay (25 ms) after Esc would read as Alt plus that key.
    Thread.sleep(forTimeInterval: 0.1)
    tmux.send("j")
    let screen = try tmux.waitFor("Profile u1014")
    #expect(!screen.contains("EXIT="), "still running:\n\(screen)")
    tmux.send("q")
    let after = try tmux.waitFor("EXIT=0")
    #expect(tmux.display("#{mouse_any_flag}#{alternate_on}") == "00", "mouse reporting off, screen restored")
    let shell = after.split(separator: "\n").filter { !$0.isEmpty }
    #expect(
      shell.last?.hasPrefix("$") == true && shell.last?.count ?? 0 <= 2, "nothing left in the shell: \(shell)"
    )
  }

  /// SIGUSR1, SIGPIPE and SIGALRM (like every default-fatal signal) end the explorer with the
  /// terminal restored: no alternate screen, no mouse reporting, the cursor shown (issue 11, item 17).
  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end explorer test"))
  func otherSignalsRestoreTheTerminal() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.kill() }
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-e2e-pid-\(getpid())")
      .path
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    for (name, number) in [("USR1", SIGUSR1), ("PIPE", SIGPIPE), ("ALRM", SIGALRM)] {
      try? FileManager.default.removeItem(atPath: pidFile)
      tmux.send(
        "clear; sh -c 'echo $$ > \(pidFile); exec \(binary) explore --synthetic'; echo \(name)\"\"EXIT=$?",
        enter: true)
      _ = try tmux.waitFor("EPNet gates", check: { $0.contains("? help") })
      #expect(tmux.display("#{alternate_on}#{cursor_flag}") == "10", "\(name): the explorer owns the screen")
      let text = try String(contentsOfFile: pidFile, encoding: .utf8)
      let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
      kill(pid, number)
      let screen = try tmux.waitFor("\(name)EXIT=")
      #expect(screen.contains("\(name)EXIT=\(128 + number)"), "\(name): exit status 128 + signal: \(screen)")
      let flags = tmux.display("#{mouse_any_flag}#{alternate_on}#{cursor_flag}")
      #expect(flags == "001", "\(name): mouse reporting, alternate screen, cursor are \(flags), want 001")
    }
  }

  @Test func notATerminalExitsWithStatus2() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["explore", "--synthetic"]
    let errors = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 2)
    #expect(message.split(separator: "\n").count == 1)
    #expect(message.contains("not a terminal"))
  }

  @Test func missingBundleIsReportedBeforeTheScreen() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["explore", "/nonexistent/bundle"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 1)
    #expect(message.contains("no model bundle at '/nonexistent/bundle'"))
  }
}

/// Finds the `pepnet` executable built alongside these tests.
enum PepnetBinary {
  static let path: String? = {
    let fm = FileManager.default
    if let explicit = ProcessInfo.processInfo.environment["PEPNET_BINARY"],
      fm.isExecutableFile(atPath: explicit)
    {
      return explicit
    }
    var candidates: [URL] = []
    // Next to the test bundle: <scratch>/<triple>/debug/pepnetPackageTests.xctest.
    for bundle in Bundle.allBundles + [Bundle.main] {
      var url = bundle.bundleURL
      for _ in 0..<3 {
        candidates.append(url.appendingPathComponent("pepnet"))
        url = url.deletingLastPathComponent()
      }
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(executable.deletingLastPathComponent().appendingPathComponent("pepnet"))
    // The package's scratch directories.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for scratch in [".build-explorer", ".build"] {
      for configuration in ["debug", "release"] {
        candidates.append(root.appendingPathComponent("\(scratch)/\(configuration)/pepnet"))
      }
    }
    return candidates.map(\.path).first { path in
      var isDirectory: ObjCBool = false
      return fm.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        && fm.isExecutableFile(atPath: path)
    }
  }()
}

/// A private tmux server running one shell, driven by send-keys and read by capture-pane.
final class Tmux {
  struct Timeout: Error, CustomStringConvertible {
    var waitingFor: String
    var screen: String
    var description: String { "timed out waiting for '\(waitingFor)'; screen:\n\(screen)" }
  }

  static let isInstalled: Bool = executable != nil
  static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  let socket = "pepnet-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

  init(width: Int, height: Int) throws {
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
  func run(_ arguments: [String], output wantsOutput: Bool = false) -> (status: Int32, output: String) {
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
  func send(_ text: String, enter: Bool = false) {
    run(["send-keys", "-t", "e2e", "-l", text])
    if enter { sendKey("Enter") }
  }

  /// Sends a named key such as `C-c` or `Enter`.
  func sendKey(_ key: String) { run(["send-keys", "-t", "e2e", key]) }

  /// A tmux format expanded for the pane, e.g. `#{alternate_on}`.
  func display(_ format: String) -> String {
    run(["display-message", "-p", "-t", "e2e", format], output: true).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func capture() -> String { run(["capture-pane", "-p", "-t", "e2e"], output: true).output }

  func resize(width: Int, height: Int) throws {
    let status = run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"]).status
    guard status == 0 else {
      throw Timeout(waitingFor: "resize-window (status \(status))", screen: capture())
    }
  }

  /// Polls the screen until it contains `text` (and not `absent`, and passes `check`), or times out.
  @discardableResult
  func waitFor(
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
  func kill() {
    run(["kill-session", "-t", "e2e"])
    run(["kill-server"])
  }
}
