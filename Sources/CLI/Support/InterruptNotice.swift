import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The one line a long command prints when SIGINT or SIGTERM stops it, saying how far it got;
/// the process then still ends by that signal (status 130 or 143 in a shell).
///
/// A signal handler may only do async-signal-safe things, so the line is formatted in advance:
/// `set` writes it into the buffer the handler is not reading and then publishes that buffer
/// with an atomic store; the handler only loads the index, `write(2)`s the bytes, restores the
/// default action and raises the signal again.
enum InterruptNotice {
  static let capacity = 2048
  nonisolated(unsafe) static let buffers = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * capacity)
  nonisolated(unsafe) static let lengths = UnsafeMutablePointer<Int>.allocate(capacity: 2)
  /// The buffer the handler writes (0 or 1), or -1 for none.
  static let published = Atomic<Int>(-1)
  /// A progress bar may be mid-line on a terminal: the notice then starts on a line of its own.
  static let prefix = isatty(STDERR_FILENO) != 0 ? "\npepnet: " : "pepnet: "

  /// Installs the handler for SIGINT and SIGTERM, with `line` (no "pepnet: ") as the first notice.
  static func install(_ line: String) {
    set(line)
    signal(SIGINT, interruptHandler)
    signal(SIGTERM, interruptHandler)
    // A blocked mask is inherited across exec (a test runner passes one on): unblocked on this
    // thread, the signals reach the handler instead of staying pending while the run goes on.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  /// Replaces the line printed on an interrupt.
  static func set(_ line: String) {
    let next = published.load(ordering: .acquiring) == 0 ? 1 : 0
    let bytes = Array((prefix + line + "\n").utf8.prefix(capacity))
    let start = buffers + next * capacity
    bytes.withUnsafeBufferPointer { start.update(from: $0.baseAddress!, count: bytes.count) }
    lengths[next] = bytes.count
    published.store(next, ordering: .releasing)
  }

  /// Back to the default action (the work is done; nothing more to say).
  static func uninstall() {
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
    published.store(-1, ordering: .releasing)
  }
}

/// The signal handler: async-signal-safe calls only (`write`, `signal`, `raise`).
private func interruptHandler(_ signalNumber: Int32) {
  let index = InterruptNotice.published.load(ordering: .acquiring)
  if index >= 0 {
    _ = write(
      STDERR_FILENO, InterruptNotice.buffers + index * InterruptNotice.capacity,
      InterruptNotice.lengths[index])
  }
  signal(signalNumber, SIG_DFL)
  raise(signalNumber)
}
