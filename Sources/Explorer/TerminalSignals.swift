import CNcurses

/// The signal handling of the explorer while it owns the terminal (the handlers are C, in
/// `Sources/CNcurses/shim.c`, since a handler may only call async-signal-safe functions).
enum TerminalSignals {
  /// Installs a handler on every signal whose default action would end the process and leave the
  /// terminal in the alternate screen with mouse reporting on and the cursor hidden.
  static func install() { cn_install_signal_handlers() }
  /// Puts back the dispositions `install` replaced.
  static func restore() { cn_restore_signal_handlers() }
  /// Whether one of the explorer's handlers is installed for `signal`.
  static func isHandled(_ signal: Int32) -> Bool { cn_signal_is_handled(signal) != 0 }
  /// The termination signal received since `install`, if any.
  static var pending: Int32? {
    let signal = cn_pending_signal()
    return signal == 0 ? nil : signal
  }
  /// Every signal number the system has: 1...31 and the real-time ones.
  static var all: ClosedRange<Int32> { 1...cn_highest_signal() }
}
