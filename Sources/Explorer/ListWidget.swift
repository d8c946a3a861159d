extension Widgets {
  /// A scrolling list: draws rows `scroll..<scroll+rect.height` through `drawRow`, highlights the cursor
  /// row (reverse when focused, underline-free tint otherwise) and a scroll indicator at the right edge.
  static func list(
    _ grid: inout CellGrid, _ rect: Rect, count: Int, scroll: Int, cursor: Int?, focused: Bool,
    glyphs: Glyphs,
    drawRow: (inout CellGrid, Rect, Int, Bool) -> Void
  ) {
    guard !rect.isEmpty else { return }
    let scrolls = count > rect.height && rect.height > 1
    for r in 0..<rect.height {
      let index = scroll + r
      guard index < count else { break }
      var row = rect.row(r)
      let selected = index == cursor
      if selected {
        grid.fill(row, " ", Style(bg: focused ? Palette.selection : Palette.header))
      }
      if scrolls { row.width -= 1 }
      drawRow(&grid, row, index, selected)
      if selected {
        for x in row.x..<row.maxX {
          grid.restyle(x, row.y) { style in
            style.bg = focused ? Palette.selection : Palette.header
            if focused { style.bold = true }
          }
        }
      }
    }
    if scrolls {
      let trackX = rect.maxX - 1
      let thumb = min(rect.height - 1, scroll * rect.height / max(1, count - rect.height + 1))
      grid.put(trackX, rect.y + thumb, glyphs.eighths[7], Style(fg: Palette.border))
    }
  }
}
