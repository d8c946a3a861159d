import PepnetText

extension Widgets {
  /// Draws a rounded border with a title; focused boxes get an accent colour and a bold title.
  static func box(
    _ grid: inout CellGrid, _ rect: Rect, title: String, focused: Bool, glyphs: Glyphs, note: String = ""
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let border = Style(fg: focused ? Palette.accent : Palette.border)
    let x1 = rect.maxX - 1
    let y1 = rect.maxY - 1
    for x in rect.x + 1..<x1 {
      grid.put(x, rect.y, glyphs.horizontal, border)
      grid.put(x, y1, glyphs.horizontal, border)
    }
    for y in rect.y + 1..<y1 {
      grid.put(rect.x, y, glyphs.vertical, border)
      grid.put(x1, y, glyphs.vertical, border)
    }
    grid.put(rect.x, rect.y, glyphs.topLeft, border)
    grid.put(x1, rect.y, glyphs.topRight, border)
    grid.put(rect.x, y1, glyphs.bottomLeft, border)
    grid.put(x1, y1, glyphs.bottomRight, border)
    let titleStyle = Style(fg: focused ? Palette.accent : Palette.text, bold: true)
    let written = grid.write(rect.x + 2, rect.y, " \(title) ", titleStyle, maxWidth: rect.width - 4)
    if !note.isEmpty {
      let start = rect.x + 2 + written
      let room = x1 - 1 - start
      if room > 3 {
        let text = " \(note) "
        let shown = min(room, text.displayWidth)
        grid.write(
          x1 - 1 - shown, rect.y, text, Style(fg: Palette.muted), maxWidth: shown, ellipsis: glyphs.ellipsis)
      }
    }
  }
}
