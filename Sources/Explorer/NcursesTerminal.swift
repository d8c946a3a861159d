import CNcurses
import Foundation

/// The thin ncurses backend: sets the terminal up and restores it, hands the input bytes to an
/// `InputDecoder`, and writes only the cells that changed since the last frame.
final class NcursesTerminal: TerminalBackend {
  /// Colours available: 256, 8 or 0 (monochrome or `NO_COLOR`).
  let colors: Int
  private var last: CellGrid?
  private var runs: [GridRun] = []
  private var text: [wchar_t] = []
  private var pairs: [Int32: Int16] = [:]
  private var nextPair: Int16 = 1
  private let maxPairs: Int
  private var closed = false
  private var decoder = InputDecoder()
  private var decoded: [InputEvent] = []
  /// How long the rest of an escape sequence may take to arrive after its `ESC`.
  static let escapeDelayMs = 25
  /// Mouse reporting: clicks and the wheel (1000) in SGR encoding (1006), which has no column limit;
  /// a terminal without 1006 sends X10 reports, which the decoder reads too.
  static let mouseOn = "\u{1B}[?1000h\u{1B}[?1006h"
  static let mouseOff = "\u{1B}[?1006l\u{1B}[?1000l"

  /// Takes over the terminal. Call `cn_setlocale_from_environment()` first.
  init() {
    cn_save_terminal_modes()
    TerminalSignals.install()
    initscr()
    raw()
    noecho()
    nonl()
    // Keys are decoded by `InputDecoder` from the raw bytes (ncurses' keypad mode knows only the
    // sequences of its terminfo entry and returns the rest as Esc plus stray characters).
    keypad(cn_stdscr(), false)
    curs_set(0)
    leaveok(cn_stdscr(), true)
    refresh()
    NcursesTerminal.write(NcursesTerminal.mouseOn)
    let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    if !noColor && has_colors() {
      start_color()
      use_default_colors()
      colors = cn_colors() >= 256 ? 256 : (cn_colors() >= 8 ? 8 : 0)
      maxPairs = Int(min(cn_color_pairs(), 32767))
    } else {
      colors = 0
      maxPairs = 0
    }
  }

  deinit { close() }

  /// Restores the terminal (idempotent).
  func close() {
    guard !closed else { return }
    closed = true
    NcursesTerminal.write(NcursesTerminal.mouseOff)
    endwin()
    TerminalSignals.restore()
  }

  var size: GridSize { GridSize(width: Int(cn_max_x()), height: Int(cn_max_y())) }

  /// Waits up to `timeoutMs` for input (0: do not wait).
  func read(timeoutMs: Int) -> InputEvent? {
    while decoded.isEmpty {
      let waiting = decoder.isWaiting
      timeout(Int32(waiting ? NcursesTerminal.escapeDelayMs : timeoutMs))
      let code = wgetch(cn_stdscr())
      if code == ERR {
        guard waiting else { return nil }
        decoded = decoder.flush()
        if decoded.isEmpty { return nil }
      } else if code == cn_key_resize() {
        last = nil
        decoded = decoder.flush() + [.resize(size)]
      } else if (0...255).contains(code) {
        decoded = decoder.feed(CollectionOfOne(UInt8(code)))
      }
    }
    return decoded.removeFirst()
  }

  /// Writes control text straight to the terminal (ncurses has flushed its own output by then).
  private static func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

  /// Writes the cells that differ from the previous frame and refreshes the screen.
  func draw(_ grid: CellGrid) {
    if last == nil || last!.width != grid.width || last!.height != grid.height {
      erase()
      last = nil
    }
    GridDiff.runs(from: last, to: grid, into: &runs)
    for run in runs {
      text.removeAll(keepingCapacity: true)
      let base = run.y * grid.width + run.x
      for cell in grid.cells[base..<base + run.count] where !cell.isContinuation {
        text.append(wchar_t(bitPattern: cell.scalar.value))
        if let mark = cell.mark { text.append(wchar_t(bitPattern: mark.value)) }
      }
      apply(run.style)
      _ = text.withUnsafeBufferPointer {
        cn_put_wide(Int32(run.y), Int32(run.x), $0.baseAddress, Int32($0.count))
      }
    }
    refresh()
    last = grid
  }

  private func apply(_ style: Style) {
    let shown = TerminalAttributes(style, colors: colors)
    var attrs = cn_a_normal()
    if shown.bold { attrs |= cn_a_bold() }
    if shown.dim { attrs |= cn_a_dim() }
    if shown.underline { attrs |= cn_a_underline() }
    if shown.reverse { attrs |= cn_a_reverse() }
    cn_set_style(attrs, colors == 0 ? 0 : colorPair(fg: shown.fg, bg: shown.bg))
  }

  private func colorPair(fg: Int16, bg: Int16) -> Int16 {
    if fg == -1 && bg == -1 { return 0 }
    let key = Int32(fg) << 16 | Int32(UInt16(bitPattern: bg))
    if let pair = pairs[key] { return pair }
    guard Int(nextPair) < maxPairs else { return 0 }
    let pair = nextPair
    nextPair += 1
    init_pair(pair, fg, bg)
    pairs[key] = pair
    return pair
  }
}
