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

  /// The block glyph for a value in `0...gamma`.
  static func level(_ value: Float, gamma: Float, glyphs: Glyphs) -> Unicode.Scalar {
    let t = gamma > 0 && value.isFinite ? min(1, max(0, value / gamma)) : 0.5
    return glyphs.levels[min(7, Int(t * 8))]
  }
}
