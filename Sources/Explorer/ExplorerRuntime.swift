import CNcurses
import Dispatch
import Foundation

/// Runs the explorer in the terminal: the input loop, the model worker and the ncurses backend.
public enum ExplorerRuntime {
  /// Why the explorer cannot run here (a usage error), or nil when stdin and stdout are terminals
  /// of a type that can address the cursor. Checked before ncurses starts, since `initscr` prints
  /// its own message and exits on a terminal type it does not know.
  public static func terminalProblem() -> String? {
    let stdinTTY = isatty(STDIN_FILENO) == 1
    let stdoutTTY = isatty(STDOUT_FILENO) == 1
    if !stdinTTY || !stdoutTTY {
      let which = !stdinTTY && !stdoutTTY ? "stdin and stdout are" : !stdinTTY ? "stdin is" : "stdout is"
      return "needs an interactive terminal, but \(which) not a terminal (try --snapshot)"
    }
    let name = shown(ProcessInfo.processInfo.environment["TERM"] ?? "")
    switch cn_terminal_check() {
    case 0: return nil
    case 1: return "TERM is not set, so the terminal type is unknown; set it, e.g. TERM=xterm-256color"
    case 2:
      return "unknown terminal type '\(name)' (TERM); set TERM to a type the terminfo database has, "
        + "e.g. xterm-256color"
    default:
      return "terminal type '\(name)' (TERM) cannot move the cursor, so it cannot show the explorer "
        + "(try --snapshot, or TERM=xterm-256color)"
    }
  }

  /// A value from the environment as it can appear in a one-line message: control characters
  /// escaped, at most 40 characters.
  static func shown(_ value: String) -> String {
    var text = ""
    for scalar in value.unicodeScalars.prefix(40) {
      text += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
    }
    return value.unicodeScalars.count > 40 ? text + "…" : text
  }

  /// Runs until the person quits or a termination signal arrives; returns the process exit status.
  ///
  /// Environment: `PEPNET_EXPLORER_TIMINGS=path` writes latencies (ms) there on exit, one per line:
  /// `key <ms>` from a keypress to its frame on screen, `results <ms>` from a change of user or
  /// domain to the complete frame (the new rankings and the highlighted item's gates). `PEPNET_EXPLORER_PREFETCH=0` turns off precomputing
  /// the neighbouring selections.
  public static func run(source: ExplorerDataSource) -> Int32 {
    _ = cn_setlocale_from_environment()
    let unicode = cn_locale_is_utf8() != 0
    let terminal = NcursesTerminal()
    defer { terminal.close() }
    let prefetching = ProcessInfo.processInfo.environment["PEPNET_EXPLORER_PREFETCH"] != "0"
    let session = ExplorerSession(
      source: source, size: terminal.size, glyphs: unicode ? .unicode : .ascii, prefetching: prefetching)
    let (exitStatus, latencies) = loop(
      terminal: terminal, session: session, clock: SystemClock(), pendingSignal: { TerminalSignals.pending })
    if let path = ProcessInfo.processInfo.environment["PEPNET_EXPLORER_TIMINGS"], !path.isEmpty {
      let text = latencies.joined(separator: "\n") + "\n"
      try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return exitStatus
  }

  /// The input loop: until the person quits or `pendingSignal` reports a termination signal, reads
  /// input, feeds the session, applies the worker's results and draws. Whichever way it ends, the
  /// worker has stopped and the terminal is closed when it returns. Returns the exit status (128 +
  /// the signal after one) and the latencies, as `PEPNET_EXPLORER_TIMINGS` writes them.
  static func loop(
    terminal: TerminalBackend, session: ExplorerSession, clock: ExplorerClock, pendingSignal: () -> Int32?
  ) -> (status: Int32, latencies: [String]) {
    // Every way out of the loop ends here: the process exits only once the worker has stopped.
    defer { terminal.close() }
    defer { session.shutdown() }
    var state: ExplorerState { session.state }
    var grid = CellGrid(width: 0, height: 0)
    var latencies: [String] = []
    latencies.reserveCapacity(4096)
    var selectionChangedAt: Double?

    func dispatch(_ action: Action) { session.dispatch(action) }
    func handle(_ event: InputEvent) {
      switch event {
      case .key(let key): dispatch(.key(key))
      case .mouse(let mouse): dispatch(.mouse(mouse))
      case .resize(let size): dispatch(.resize(size))
      }
    }
    func draw() {
      Explorer.render(state, into: &grid)
      terminal.draw(grid)
    }

    dispatch(.tick(clock.now))
    session.submitRequests()
    draw()
    var exitStatus: Int32 = 0
    while !state.quit {
      if let signal = pendingSignal() {
        exitStatus = 128 + signal
        break
      }
      // Poll fast while results or a transition are due; the tour only needs coarse ticks.
      let busy = session.worker.isBusy || (state.gates?.isAnimating(state.now) ?? false)
      var dirty = false
      var inputAt: Double?
      if let event = terminal.read(timeoutMs: busy ? ExplorerSession.busyPollMs : 100) {
        inputAt = clock.now
        let selection = (state.user, state.domain)
        handle(event)
        var extra = 0
        while extra < 64, !state.quit, let more = terminal.read(timeoutMs: 0) {
          handle(more)
          extra += 1
        }
        if selection != (state.user, state.domain) && !session.isComplete {
          selectionChangedAt = inputAt
        }
        dirty = true
      }
      if session.applyResults() { dirty = true }
      let animating = state.gates?.isAnimating(state.now) ?? false
      let before = (state.user, state.domain)
      dispatch(.tick(clock.now))
      session.submitRequests()
      if animating || before != (state.user, state.domain) { dirty = true }
      if dirty && !state.quit {
        draw()
        let now = clock.now
        if let inputAt { latencies.append("key " + String(format: "%.3f", (now - inputAt) * 1000)) }
        if let since = selectionChangedAt, session.isComplete {
          latencies.append("results " + String(format: "%.3f", (now - since) * 1000))
          selectionChangedAt = nil
        }
      }
    }
    terminal.close()
    if exitStatus == 0, let signal = pendingSignal() { exitStatus = 128 + signal }
    return (exitStatus, latencies)
  }
}
