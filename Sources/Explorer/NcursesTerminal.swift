import CNcurses
import Foundation

/// The thin ncurses backend: sets the terminal up and restores it, decodes keys and mouse events, and
/// writes only the cells that changed since the last frame.
final class NcursesTerminal {
  /// Colours available: 256, 8 or 0 (monochrome or `NO_COLOR`).
  let colors: Int
  private var last: CellGrid?
  private var runs: [GridRun] = []
  private var text: [wchar_t] = []
  private var pairs: [Int32: Int16] = [:]
  private var nextPair: Int16 = 1
  private let maxPairs: Int
  private var closed = false

  /// Takes over the terminal. Call `cn_setlocale_from_environment()` first.
  init() {
    cn_save_terminal_modes()
    TerminalSignals.install()
    initscr()
    raw()
    noecho()
    nonl()
    keypad(cn_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    leaveok(cn_stdscr(), true)
    cn_enable_mouse()
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
    endwin()
    TerminalSignals.restore()
  }

  var size: GridSize { GridSize(width: Int(cn_max_x()), height: Int(cn_max_y())) }

  /// Waits up to `timeoutMs` for input (0: do not wait).
  func read(timeoutMs: Int) -> InputEvent? {
    timeout(Int32(timeoutMs))
    var ch: wint_t = 0
    let result = get_wch(&ch)
    if result == ERR { return nil }
    if result == cn_key_code_yes() { return functionKey(Int32(ch)) }
    switch ch {
    case 3: return .key(.ctrlC)
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 27: return .key(.escape)
    case 8, 127: return .key(.backspace)
    default:
      guard ch >= 32, let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
      return .key(.char(Character(scalar)))
    }
  }

  private func functionKey(_ code: Int32) -> InputEvent? {
    switch code {
    case cn_key_up(): return .key(.up)
    case cn_key_down(): return .key(.down)
    case cn_key_left(): return .key(.left)
    case cn_key_right(): return .key(.right)
    case cn_key_ppage(): return .key(.pageUp)
    case cn_key_npage(): return .key(.pageDown)
    case cn_key_home(): return .key(.home)
    case cn_key_end(): return .key(.end)
    case cn_key_enter(): return .key(.enter)
    case cn_key_btab(): return .key(.backTab)
    case cn_key_backspace(), cn_key_dc(): return .key(.backspace)
    case cn_key_resize():
      last = nil
      return .resize(size)
    case cn_key_mouse():
      var x: Int32 = 0
      var y: Int32 = 0
      switch cn_read_mouse(&x, &y) {
      case 1: return .mouse(MouseEvent(.click, x: Int(x), y: Int(y)))
      case 2: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
      case 3: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
      default: return nil
      }
    default: return nil
    }
  }

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
      for i in 0..<run.count { text.append(wchar_t(bitPattern: grid.cells[base + i].scalar.value)) }
      apply(run.style)
      _ = text.withUnsafeBufferPointer {
        cn_put_wide(Int32(run.y), Int32(run.x), $0.baseAddress, Int32(run.count))
      }
    }
    refresh()
    last = grid
  }

  private func apply(_ style: Style) {
    var attrs = cn_a_normal()
    if style.bold { attrs |= cn_a_bold() }
    if style.dim { attrs |= cn_a_dim() }
    if style.underline { attrs |= cn_a_underline() }
    var reverse = style.reverse
    var pair: Int16 = 0
    if colors == 0 {
      // Without colour, a background means "highlighted": show it in reverse video.
      if style.bg != nil { reverse.toggle() }
    } else {
      pair = colorPair(fg: mapColor(style.fg), bg: mapColor(style.bg))
    }
    if reverse { attrs |= cn_a_reverse() }
    cn_set_style(attrs, pair)
  }

  private func mapColor(_ index: UInt8?) -> Int16 {
    guard let index else { return -1 }
    return colors >= 256 ? Int16(index) : Int16(TerminalColor.nearestBasic(index))
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
