extension Explorer {
  /// The screen shown when the terminal is below the minimum size.
  static func drawTooSmall(_ grid: inout CellGrid, _ s: ExplorerState) {
    let need = ExplorerLayout.minimum
    let lines = [
      "Terminal too small",
      "need \(need.width)x\(need.height), have \(s.size.width)x\(s.size.height)",
      "enlarge the window, or press q to quit",
    ]
    let top = max(0, (s.size.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let style = i == 0 ? Style(fg: Palette.warning, bold: true) : Style(fg: Palette.text)
      centered(&grid, Rect(x: 0, y: top + i, width: s.size.width, height: 1), line, style)
    }
  }
}
