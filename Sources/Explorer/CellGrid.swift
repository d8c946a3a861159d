import PepnetText

/// An in-memory screen: the view draws into it, the backend writes its changes to the terminal.
public struct CellGrid: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// When set, `write` transliterates text to ASCII (for terminals whose locale is not UTF-8).
  public var asciiOnly = false

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = [Cell](repeating: fill, count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Sets one cell, ignoring positions outside the grid. A wide character half overwritten here
  /// loses its other half (it becomes a space), so the grid never holds half a character.
  @inline(__always)
  public mutating func put(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let i = y * width + x
    orphanPartner(of: i, x: x)
    cells[i] = Cell(scalar, style)
  }

  /// Sets a two-cell character at (x, y); a space when its right half would fall off the grid.
  mutating func putWide(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    guard x + 1 < width else {
      put(x, y, " ", style)
      return
    }
    let i = y * width + x
    orphanPartner(of: i, x: x)
    orphanPartner(of: i + 1, x: x + 1)
    cells[i] = Cell(scalar, style)
    cells[i + 1] = Cell(Cell.continuation, style)
  }

  /// Before cell `i` (column `x`) is overwritten: blanks the other half of the wide character it
  /// belongs to, if any.
  @inline(__always)
  private mutating func orphanPartner(of i: Int, x: Int) {
    if cells[i].isContinuation {
      if x > 0 { cells[i - 1] = Cell(" ", cells[i - 1].style) }
    } else if x + 1 < width, cells[i + 1].isContinuation {
      cells[i + 1] = Cell(" ", cells[i + 1].style)
    }
  }

  /// Changes the style of one cell and keeps its character.
  public mutating func restyle(_ x: Int, _ y: Int, _ transform: (inout Style) -> Void) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    transform(&cells[y * width + x].style)
  }

  /// Fills a rectangle (clipped to the grid); wide characters cut by its edges become spaces.
  public mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", _ style: Style = .plain) {
    let x0 = max(0, rect.x)
    let x1 = min(width, rect.maxX)
    let y0 = max(0, rect.y)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      orphanPartner(of: y * width + x0, x: x0)
      orphanPartner(of: y * width + x1 - 1, x: x1 - 1)
      for x in x0..<x1 { cells[y * width + x] = Cell(scalar, style) }
    }
  }

  /// Writes text from (x, y), at most `maxWidth` cells (display width: a wide character takes two,
  /// a combining mark none); returns the number of cells written. Text that does not fit ends with
  /// `ellipsis` when one is given. Control characters become spaces.
  @discardableResult
  public mutating func write(
    _ x: Int, _ y: Int, _ text: String, _ style: Style = .plain, maxWidth: Int = .max,
    ellipsis: Unicode.Scalar? = nil
  ) -> Int {
    let limit = min(maxWidth, width - x)
    guard limit > 0, y >= 0, y < height else { return 0 }
    // With an ellipsis, text wider than the room stops one cell early to make room for it.
    var room = limit
    if ellipsis != nil, DisplayWidth.of(text) > limit { room = limit - 1 }
    var column = 0
    for scalar in text.unicodeScalars {
      let safe: Unicode.Scalar = scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar
      let w = DisplayWidth.of(safe)
      if w == 0 {
        if !asciiOnly { attachMark(safe, beforeColumn: x + column, y) }
        continue
      }
      if column + w > room { break }
      if asciiOnly && safe.value > 0x7E {
        // The same cells as in Unicode, so layouts do not depend on the glyph set.
        let stand = CellGrid.transliterate(safe)
        for k in 0..<w { put(x + column + k, y, stand, style) }
      } else if w == 2 {
        putWide(x + column, y, safe, style)
      } else {
        put(x + column, y, safe, style)
      }
      column += w
    }
    if room < limit, let ellipsis {
      put(x + column, y, ellipsis, style)
      column += 1
    }
    return column
  }

  /// Puts a combining mark on the character that ends just before column `x` (one mark per cell).
  private mutating func attachMark(_ mark: Unicode.Scalar, beforeColumn x: Int, _ y: Int) {
    var base = x - 1
    guard base >= 0, base < width, y >= 0, y < height else { return }
    if cells[y * width + base].isContinuation { base -= 1 }
    guard base >= 0 else { return }
    let i = y * width + base
    if cells[i].mark == nil { cells[i].mark = mark }
  }

  /// An ASCII stand-in for a non-ASCII character.
  static func transliterate(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar {
    case "↑": return "^"
    case "↓": return "v"
    case "←": return "<"
    case "→": return ">"
    case "Σ": return "W"
    case "Δ": return "d"
    case "μ": return "m"
    case "−", "–", "—", "·", "─": return "-"
    case "…": return "~"
    case "▶": return ">"
    case "│": return "|"
    default: return "?"
    }
  }

  /// Writes text right-aligned so that it ends just before `endX`.
  @discardableResult
  public mutating func writeRight(_ endX: Int, _ y: Int, _ text: String, _ style: Style = .plain) -> Int {
    write(endX - DisplayWidth.of(text), y, text, style)
  }

  /// The plain text of the grid, one line per row, trailing spaces removed (a wide character once,
  /// with its combining mark).
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for y in 0..<height {
      var line = String.UnicodeScalarView()
      for x in 0..<width {
        let cell = cells[y * width + x]
        if cell.isContinuation { continue }
        line.append(cell.scalar)
        if let mark = cell.mark { line.append(mark) }
      }
      var s = String(line)
      while s.last == " " { s.removeLast() }
      lines.append(s)
    }
    return lines.joined(separator: "\n")
  }
}
