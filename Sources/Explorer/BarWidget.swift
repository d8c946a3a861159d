extension Widgets {
  /// A left-to-right bar of `fraction` (0...1) of `width` cells, with 1/8-cell resolution.
  static func bar(
    _ grid: inout CellGrid, x: Int, y: Int, width: Int, fraction: Float, style: Style, glyphs: Glyphs,
    track: Style? = nil
  ) {
    guard width > 0 else { return }
    let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
    let eighths = Int((f * Float(width * 8)).rounded())
    for i in 0..<width {
      let filled = eighths - i * 8
      if filled >= 8 {
        grid.put(x + i, y, glyphs.eighths[7], style)
      } else if filled > 0 {
        grid.put(x + i, y, glyphs.eighths[filled - 1], style)
      } else if let track {
        grid.put(x + i, y, glyphs.track, track)
      }
    }
  }

  /// A bar around a neutral centre: `value` in `lo...hi`, the centre marked, fill from the centre to
  /// the value (rightwards in `up` colour, leftwards in `down` colour).
  static func divergingBar(
    _ grid: inout CellGrid, x: Int, y: Int, width: Int, value: Float, lo: Float, center: Float, hi: Float,
    up: UInt8, down: UInt8, glyphs: Glyphs
  ) {
    guard width >= 3, hi > lo else { return }
    let half = width / 2
    let track = Style(fg: Palette.border)
    for i in 0..<width { grid.put(x + i, y, glyphs.track, track) }
    let v = value.isFinite ? min(hi, max(lo, value)) : center
    if v >= center {
      let f = (v - center) / max(hi - center, 1e-6)
      bar(
        &grid, x: x + half + 1, y: y, width: width - half - 1, fraction: f, style: Style(fg: up),
        glyphs: glyphs)
    } else {
      // Leftwards: whole cells, then a right-half block for the remainder.
      let f = (center - v) / max(center - lo, 1e-6)
      let halves = Int((f * Float(half * 2)).rounded())
      for i in 0..<half {
        let filled = halves - i * 2
        let cx = x + half - 1 - i
        if filled >= 2 {
          grid.put(cx, y, glyphs.eighths[7], Style(fg: down))
        } else if filled == 1 {
          grid.put(cx, y, glyphs.rightHalf, Style(fg: down))
        }
      }
    }
    grid.put(x + half, y, glyphs.neutral, Style(fg: Palette.text, bold: true))
  }
}
