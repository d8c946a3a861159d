import Foundation
import PepnetTestSupport
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
    // A click on the Users row of u1007 (1-based column 3, row 6: under the filter and column heads).
    tmux.send("\u{1B}[<0;3;6M")
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
