/// A frame (`CellGrid`) as it looks on screen, for slides: ANSI-coloured text, SVG and XHTML.
///
/// Colours are the xterm-256 palette's RGB values (`TerminalColor.rgb`) on a dark terminal:
/// default foreground `defaultForeground`, default background `defaultBackground`; reverse video
/// swaps the two colours, dim text is drawn at 60% opacity, bold in bold. Cells are grouped into
/// runs of one style per row; in SVG every run is placed at its column (`x = column * cellWidth`)
/// with `textLength` fixing its width (a wide character counts two cells), so box glyphs and bars
/// line up as in the terminal. Control characters (C0, DEL, C1) never reach the output: they
/// become spaces.
public enum FrameExport {
  public static let defaultForeground = (229, 229, 229)
  public static let defaultBackground = (16, 16, 16)
  /// SVG cell size in pixels (a 14 px monospace font).
  public static let cellWidth = 8.4
  public static let cellHeight = 17.0
  static let fontFamily = "DejaVu Sans Mono, Menlo, Consolas, monospace"

  /// One row's cells of one style.
  struct Run {
    var column: Int
    var text: String
    var style: Style
    /// Cells covered: a wide character covers two (its right half is a continuation cell).
    var cells: Int
  }

  /// The runs of row `y`, without the trailing spaces that show nothing.
  static func runs(_ grid: CellGrid, row y: Int) -> [Run] {
    var runs: [Run] = []
    for x in 0..<grid.width {
      let cell = grid[x, y]
      if cell.isContinuation, !runs.isEmpty {
        runs[runs.count - 1].cells += 1
        continue
      }
      let scalar = isControl(cell.scalar) ? " " : cell.scalar
      // A combining mark is drawn over its cell's character, as on screen.
      let mark = cell.mark.map { isControl($0) ? "" : String($0) } ?? ""
      if var last = runs.last, last.style == cell.style {
        last.text.unicodeScalars.append(scalar)
        last.text += mark
        last.cells += 1
        runs[runs.count - 1] = last
      } else {
        runs.append(Run(column: x, text: String(scalar) + mark, style: cell.style, cells: 1))
      }
    }
    while let last = runs.last, isInvisible(last) { runs.removeLast() }
    if var last = runs.last, showsNoSpaces(last.style) {
      while last.text.last == " " {
        last.text.removeLast()
        last.cells -= 1
      }
      runs[runs.count - 1] = last
    }
    return runs
  }

  /// Whether a space in this style shows nothing.
  static func showsNoSpaces(_ style: Style) -> Bool { style.bg == nil && !style.reverse && !style.underline }

  static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

  /// Spaces that show nothing: no background, no reverse video, no underline.
  static func isInvisible(_ run: Run) -> Bool {
    showsNoSpaces(run.style) && run.text.allSatisfy { $0 == " " }
  }

  /// Foreground and background as drawn (reverse video applied); nil background = the default.
  static func colours(_ style: Style) -> (fg: (Int, Int, Int), bg: (Int, Int, Int)?) {
    let fg = style.fg.map(TerminalColor.rgb) ?? defaultForeground
    let bg = style.bg.map(TerminalColor.rgb)
    return style.reverse ? (bg ?? defaultBackground, fg) : (fg, bg)
  }

  /// `#rrggbb`.
  static func hex(_ c: (Int, Int, Int)) -> String {
    func two(_ v: Int) -> String {
      let s = String(v, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + two(c.0) + two(c.1) + two(c.2)
  }

  /// Text with `&`, `<`, `>` and `"` escaped for XML.
  static func escapeXML(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }

  // MARK: ANSI

  /// One line per row, each run preceded by its SGR sequence and each row ending with a reset.
  public static func ansi(_ grid: CellGrid) -> String {
    var lines: [String] = []
    for y in 0..<grid.height {
      var line = ""
      for run in runs(grid, row: y) {
        var codes = ["0"]
        if run.style.bold { codes.append("1") }
        if run.style.dim { codes.append("2") }
        if run.style.underline { codes.append("4") }
        if run.style.reverse { codes.append("7") }
        if let fg = run.style.fg { codes.append("38;5;\(fg)") }
        if let bg = run.style.bg { codes.append("48;5;\(bg)") }
        line += "\u{1B}[" + codes.joined(separator: ";") + "m" + run.text
      }
      lines.append(line + "\u{1B}[0m")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: SVG

  /// An SVG image of the frame: a background, one `rect` per coloured run, one `text` per run.
  public static func svg(_ grid: CellGrid) -> String {
    let width = Double(grid.width) * cellWidth
    let height = Double(grid.height) * cellHeight
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
      viewBox="0 0 \(number(width)) \(number(height))" font-family="\(fontFamily)" font-size="14">
      <rect x="0" y="0" width="\(number(width))" height="\(number(height))" fill="\(hex(defaultBackground))"/>

      """
    for y in 0..<grid.height {
      let top = Double(y) * cellHeight
      for run in runs(grid, row: y) {
        let (fg, bg) = colours(run.style)
        let x = Double(run.column) * cellWidth
        let length = Double(run.cells) * cellWidth
        if let bg {
          out += "<rect x=\"\(number(x))\" y=\"\(number(top))\" width=\"\(number(length))\" "
          out += "height=\"\(number(cellHeight))\" fill=\"\(hex(bg))\"/>\n"
        }
        guard run.text.contains(where: { $0 != " " }) || run.style.underline else { continue }
        var attributes = "x=\"\(number(x))\" y=\"\(number(top + cellHeight * 0.78))\" fill=\"\(hex(fg))\""
        attributes += " textLength=\"\(number(length))\" lengthAdjust=\"spacingAndGlyphs\""
        if run.style.bold { attributes += " font-weight=\"bold\"" }
        if run.style.dim { attributes += " fill-opacity=\"0.6\"" }
        if run.style.underline { attributes += " text-decoration=\"underline\"" }
        out += "<text \(attributes) xml:space=\"preserve\">\(escapeXML(run.text))</text>\n"
      }
    }
    return out + "</svg>\n"
  }

  /// A coordinate with at most two decimals.
  static func number(_ v: Double) -> String {
    let hundredths = Int((v * 100).rounded())
    let fraction = hundredths % 100
    if fraction == 0 { return "\(hundredths / 100)" }
    return "\(hundredths / 100)."
      + (fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)"))
  }

  // MARK: HTML

  /// An XHTML page (also well-formed XML) with the frame in a `pre`, one `span` per styled run.
  public static func html(_ grid: CellGrid, title: String = "pepnet explorer") -> String {
    var rows: [String] = []
    for y in 0..<grid.height {
      var row = ""
      for run in runs(grid, row: y) {
        let text = escapeXML(run.text)
        if run.style == .plain {
          row += text
          continue
        }
        let (fg, bg) = colours(run.style)
        var css = "color:\(hex(fg))"
        if let bg { css += ";background-color:\(hex(bg))" }
        if run.style.bold { css += ";font-weight:bold" }
        if run.style.dim { css += ";opacity:0.6" }
        if run.style.underline { css += ";text-decoration:underline" }
        row += "<span style=\"\(css)\">\(text)</span>"
      }
      rows.append(row)
    }
    return """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <title>\(escapeXML(title))</title>
      <style>
      pre.frame { background-color: \(hex(defaultBackground)); color: \(hex(defaultForeground)); \
      font-family: \(fontFamily); font-size: 14px; line-height: \(number(cellHeight))px; \
      padding: 8px; display: inline-block; }
      </style>
      </head>
      <body>
      <pre class="frame">\(rows.joined(separator: "\n"))</pre>
      </body>
      </html>

      """
  }
}
