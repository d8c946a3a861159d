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

  /// Sets one cell, ignoring positions outside the grid.
  @inline(__always)
  public mutating func put(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    cells[y * width + x] = Cell(scalar, style)
  }

  /// Changes the style of one cell and keeps its character.
  public mutating func restyle(_ x: Int, _ y: Int, _ transform: (inout Style) -> Void) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    transform(&cells[y * width + x].style)
  }

  /// Fills a rectangle (clipped to the grid).
  public mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", _ style: Style = .plain) {
    let x0 = max(0, rect.x)
    let x1 = min(width, rect.maxX)
    let y0 = max(0, rect.y)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      for x in x0..<x1 { cells[y * width + x] = Cell(scalar, style) }
    }
  }

  /// Writes text from (x, y), at most `maxWidth` cells; returns the number of cells written.
  /// Text that does not fit ends with `ellipsis` when one is given. Control characters become spaces.
  @discardableResult
  public mutating func write(
    _ x: Int, _ y: Int, _ text: String, _ style: Style = .plain, maxWidth: Int = .max,
    ellipsis: Unicode.Scalar? = nil
  ) -> Int {
    let limit = min(maxWidth, width - x)
    guard limit > 0, y >= 0, y < height else { return 0 }
    var column = 0
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      if column == limit - 1, let ellipsis {
        var lookahead = iterator
        if lookahead.next() != nil {
          put(x + column, y, ellipsis, style)
          return limit
        }
      }
      if column >= limit { break }
      var safe: Unicode.Scalar = scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar
      if asciiOnly && safe.value > 0x7E { safe = CellGrid.transliterate(safe) }
      put(x + column, y, safe, style)
      column += 1
    }
    return column
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
    let n = text.unicodeScalars.count
    return write(endX - n, y, text, style)
  }

  /// The plain text of the grid, one line per row, trailing spaces removed.
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for y in 0..<height {
      var line = String.UnicodeScalarView()
      for x in 0..<width { line.append(cells[y * width + x].scalar) }
      var s = String(line)
      while s.last == " " { s.removeLast() }
      lines.append(s)
    }
    return lines.joined(separator: "\n")
  }
}
