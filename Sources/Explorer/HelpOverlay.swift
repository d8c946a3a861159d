import PepnetInference

extension Explorer {
  /// The help lines, generated from the key map: section headers, then `keys  description`.
  public static func helpLines() -> [(keys: String, text: String, isSection: Bool)] {
    var lines: [(keys: String, text: String, isSection: Bool)] = []
    for section in KeyMap.sections {
      lines.append((keys: "", text: section, isSection: true))
      for binding in KeyMap.bindings where binding.section == section {
        lines.append((keys: binding.keyLabel, text: binding.description, isSection: false))
      }
    }
    lines.append((keys: "", text: "Mouse", isSection: true))
    lines.append((keys: "click", text: "Domain and task tabs, list rows, panes", isSection: false))
    lines.append((keys: "wheel", text: "Scroll the pane under the pointer", isSection: false))
    return lines
  }

  /// The `?` overlay: a centred box flowing the help lines into as many columns as needed.
  static func drawHelp(_ grid: inout CellGrid, _ s: ExplorerState) {
    let lines = helpLines()
    let height = min(s.size.height - 2, lines.count + 3)
    let rowsPerColumn = max(1, height - 3)
    let neededColumns = (lines.count + rowsPerColumn - 1) / rowsPerColumn
    let natural = 4 + 14 + (lines.map(\.text.displayWidth).max() ?? 0)
    let width = min(s.size.width - 4, neededColumns * natural + 3)
    let rect = Rect(
      x: (s.size.width - width) / 2, y: (s.size.height - height) / 2, width: width, height: height)
    grid.fill(rect, " ", Style(fg: Palette.text, bg: 235))
    Widgets.box(&grid, rect, title: "Help: keys (? or Esc to close)", focused: true, glyphs: s.glyphs)
    let inner = rect.inset(1).inset(0)
    let rows = max(1, inner.height - 1)
    let columns = (lines.count + rows - 1) / rows
    let columnWidth = (inner.width - 1) / max(1, columns)
    let keyWidth = min(14, columnWidth / 3)
    for (i, line) in lines.enumerated() {
      let column = i / rows
      let x = inner.x + 1 + column * columnWidth
      let y = inner.y + i % rows
      if line.isSection {
        grid.write(
          x, y, line.text, Style(fg: Palette.warning, bg: 235, bold: true), maxWidth: columnWidth - 1)
      } else {
        grid.write(x + 1, y, line.keys, Style(fg: Palette.accent, bg: 235, bold: true), maxWidth: keyWidth)
        grid.write(
          x + 2 + keyWidth, y, line.text, Style(fg: Palette.text, bg: 235),
          maxWidth: columnWidth - keyWidth - 3,
          ellipsis: s.glyphs.ellipsis)
      }
    }
  }
}
