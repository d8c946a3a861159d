extension Widgets {
  /// One heatmap row: `count` values downsampled (by bucket means) to at most `width` cells. Each cell
  /// shows its level as a block height and its colour on the damped-neutral-amplified ramp.
  /// Returns the number of cells drawn.
  @discardableResult
  static func heatmapRow(
    _ grid: inout CellGrid, x: Int, y: Int, width: Int, count: Int, gamma: Float, glyphs: Glyphs,
    value: (Int) -> Float
  ) -> Int {
    guard width > 0, count > 0 else { return 0 }
    let cells = min(width, count)
    for c in 0..<cells {
      let lo = c * count / cells
      let hi = max(lo + 1, (c + 1) * count / cells)
      var sum: Float = 0
      for k in lo..<hi { sum += value(k) }
      let mean = sum / Float(hi - lo)
      grid.put(
        x + c, y, level(mean, gamma: gamma, glyphs: glyphs), Style(fg: Palette.gate(mean, gamma: gamma)))
    }
    return cells
  }

  /// `count` values over the cells of `rect`, row by row: one cell per value when they fit, bucket
  /// means otherwise. Returns the number of cells drawn.
  @discardableResult
  static func heatmapBlock(
    _ grid: inout CellGrid, _ rect: Rect, count: Int, gamma: Float, glyphs: Glyphs, value: (Int) -> Float
  ) -> Int {
    guard !rect.isEmpty, count > 0 else { return 0 }
    let cells = min(count, rect.width * rect.height)
    for c in 0..<cells {
      let lo = c * count / cells
      let hi = max(lo + 1, (c + 1) * count / cells)
      var sum: Float = 0
      for k in lo..<hi { sum += value(k) }
      let mean = sum / Float(hi - lo)
      grid.put(
        rect.x + c % rect.width, rect.y + c / rect.width, level(mean, gamma: gamma, glyphs: glyphs),
        Style(fg: Palette.gate(mean, gamma: gamma)))
    }
    return cells
  }

  /// One column per value, growing up from the bottom of `rect` (`0...gamma` spans its height, in
  /// eighths of a cell), coloured on the gate ramp; for layers narrower than the pane.
  static func columnChart(
    _ grid: inout CellGrid, _ rect: Rect, count: Int, gamma: Float, glyphs: Glyphs, value: (Int) -> Float
  ) {
    guard !rect.isEmpty, count > 0, gamma > 0 else { return }
    for k in 0..<min(count, rect.width) {
      let v = value(k)
      let t = v.isFinite ? min(1, max(0, v / gamma)) : 0
      let eighths = max(1, Int((t * Float(rect.height * 8)).rounded()))
      let style = Style(fg: Palette.gate(v, gamma: gamma))
      for r in 0..<rect.height {
        let filled = eighths - r * 8
        guard filled > 0 else { break }
        grid.put(rect.x + k, rect.maxY - 1 - r, glyphs.levels[min(8, filled) - 1], style)
      }
    }
  }

  /// The block glyph for a value in `0...gamma`.
  static func level(_ value: Float, gamma: Float, glyphs: Glyphs) -> Unicode.Scalar {
    let t = gamma > 0 && value.isFinite ? min(1, max(0, value / gamma)) : 0.5
    return glyphs.levels[min(7, Int(t * 8))]
  }
}
