import Foundation
import Testing

@testable import PepnetExplorer

/// Every signal that would end the explorer by default restores the terminal first (issue 11,
/// item 17: SIGUSR1, SIGPIPE and SIGALRM left the alternate screen, mouse reporting and a hidden
/// cursor behind). The tmux check of the terminal itself is `EndToEndTests.otherSignalsRestoreTheTerminal`.
@Suite(.serialized) struct SignalHandlingTests {
  /// The signals whose default action is to ignore, stop or continue (signal(7)), and SIGKILL and
  /// SIGSTOP, which cannot be caught: every other signal ends the process by default.
  static let survivable: Set<Int32> = [
    SIGCHLD, SIGCONT, SIGURG, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU, SIGKILL, SIGSTOP,
  ]

  /// The signal numbers the C library accepts (32 and 33 are reserved by glibc's threads).
  static var catchable: [Int32] {
    TerminalSignals.all.filter { (1...31).contains($0) || $0 >= 34 }
  }

  /// Runs `body` with every catchable signal at its default action, then puts this process's
  /// dispositions back.
  func withDefaultDispositions(_ body: () -> Void) {
    var saved: [Int32: sighandler_t?] = [:]
    for sig in Self.catchable where sig != SIGKILL && sig != SIGSTOP {
      saved.updateValue(signal(sig, SIG_DFL), forKey: sig)
    }
    body()
    for (sig, handler) in saved { signal(sig, handler) }
  }

  @Test func everyDefaultFatalSignalIsHandledWhileTheExplorerRuns() {
    withDefaultDispositions {
      TerminalSignals.install()
      let fatal = Self.catchable.filter { !Self.survivable.contains($0) }
      let unhandled = fatal.filter { !TerminalSignals.isHandled($0) }
      let meddled = Self.survivable.filter { TerminalSignals.isHandled($0) }
      TerminalSignals.restore()
      #expect(fatal.count > 40, "1...31 and the real-time signals: \(fatal)")
      #expect(unhandled.isEmpty, "default-fatal signals without a handler: \(unhandled)")
      #expect(meddled.isEmpty, "signals the explorer should leave alone: \(meddled)")
      let left = Self.catchable.filter { TerminalSignals.isHandled($0) }
      #expect(left.isEmpty, "restore puts every disposition back: \(left)")
    }
  }

  @Test func aSignalIgnoredAtStartStaysIgnored() {
    withDefaultDispositions {
      signal(SIGUSR2, SIG_IGN)
      TerminalSignals.install()
      let handled = TerminalSignals.isHandled(SIGUSR2)
      let usr1 = TerminalSignals.isHandled(SIGUSR1)
      TerminalSignals.restore()
      #expect(!handled, "nohup and background jobs ignore signals on purpose")
      #expect(usr1)
    }
  }
}
