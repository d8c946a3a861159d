/// What the explorer's input loop needs of a terminal: its size, the next input event within a
/// timeout, drawing a frame, and giving the terminal back. `NcursesTerminal` is the real one; the
/// tests drive the loop through an in-memory terminal with scripted input.
protocol TerminalBackend: AnyObject {
  var size: GridSize { get }
  /// Waits up to `timeoutMs` for input (0: do not wait).
  func read(timeoutMs: Int) -> InputEvent?
  /// Shows a frame.
  func draw(_ grid: CellGrid)
  /// Restores the terminal (idempotent).
  func close()
}
