import PepnetText

extension Explorer {
  /// PPNet gates: one heatmap row per task and tower layer (downsampled to fit) with mean, min, max and
  /// the share of units damped below 0.5 and amplified above 1.5. Compare mode shows the pin beside the
  /// current gates, or the difference mapped onto the same ramp (neutral = no change).
  static func drawPPNet(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    drawGatePane(&grid, s, layout, .ppnet) { grid, rect, inner, display in
      let gamma = display.target.gamma
      let p = display.progress(s.now)
      let pin = s.pinned?.gates
      let difference = pin != nil && s.compareStyle == .difference
      let longest = s.catalog.tasks.reduce(4) { max($0, $1.displayWidth) }
      // Task names whole when the pane is wide enough (up to a quarter of it).
      let labelWidth = min(max(12, inner.width / 4), longest + 4)
      let statsWidth = 23
      let rows = ppnetRows(display.target)
      let list = layout.ppnetList
      // The scroll indicator takes the last column when the layers do not all fit.
      let usable = inner.width - (rows.count > list.height && list.height > 1 ? 1 : 0)
      let mapWidth = max(4, usable - labelWidth - 1 - statsWidth)
      let mapX = inner.x + labelWidth
      let header = Style(fg: Palette.muted, bold: true)
      grid.write(inner.x, inner.y, "task", header)
      let mapTitle = difference ? "now − pin" : pin != nil ? "pin | now" : "units"
      grid.write(mapX, inner.y, mapTitle, header, maxWidth: mapWidth)
      let statsX = mapX + mapWidth + 1
      let titles = difference ? ["Δμ", "min", "max", "<-.5", ">+.5"] : ["mean", "min", "max", "<.5", ">1.5"]
      for (title, offset) in zip(
        titles, [0, 5, 10, 18 - titles[3].displayWidth, 23 - titles[4].displayWidth])
      {
        grid.write(statsX + offset, inner.y, title, header)
      }
      Widgets.list(
        &grid, list, count: rows.count, scroll: s.ppnetScroll, cursor: s.ppnetCursor,
        focused: s.focus == .ppnet,
        glyphs: s.glyphs
      ) { grid, rowRect, index, _ in
        let (t, l) = rows[index]
        let y = rowRect.y
        let units = display.target.ppnet[t][l]
        // The task's name on its first layer, and on the top row when the list is scrolled into it.
        if l == 0 || index == s.ppnetScroll {
          let name = t < s.catalog.tasks.count ? s.catalog.tasks[t] : "task\(t)"
          grid.write(
            inner.x, y, name, Style(fg: Palette.text, bold: l == 0), maxWidth: labelWidth - 4,
            ellipsis: s.glyphs.ellipsis)
        }
        grid.write(inner.x + labelWidth - 3, y, "L\(l + 1)", Style(fg: Palette.muted))
        let pinUnits = pin.flatMap { t < $0.ppnet.count && l < $0.ppnet[t].count ? $0.ppnet[t][l] : nil }
        let value: (Int) -> Float = { k in display.ppValue(t, l, k, p) }
        var stats = GateStats(low: difference ? -0.5 : 0.5, high: difference ? 0.5 : 1.5)
        if let pinUnits, difference, pinUnits.count == units.count {
          Widgets.heatmapRow(
            &grid, x: mapX, y: y, width: mapWidth, count: units.count, gamma: gamma, glyphs: s.glyphs
          ) { k in
            min(gamma, max(0, gamma / 2 + value(k) - pinUnits[k]))
          }
          for k in units.indices { stats.add(value(k) - pinUnits[k]) }
          drawStats(&grid, x: statsX, y: y, stats, signed: true)
          return
        }
        if let pinUnits {
          // Both sides get the same width, so the same gates fall into the same buckets.
          let half = (mapWidth - 1) / 2
          Widgets.heatmapRow(
            &grid, x: mapX, y: y, width: half, count: pinUnits.count, gamma: gamma, glyphs: s.glyphs
          ) {
            pinUnits[$0]
          }
          grid.put(mapX + half, y, s.glyphs.vertical, Style(fg: Palette.border))
          Widgets.heatmapRow(
            &grid, x: mapX + half + 1, y: y, width: half, count: units.count, gamma: gamma,
            glyphs: s.glyphs,
            value: value)
        } else {
          Widgets.heatmapRow(
            &grid, x: mapX, y: y, width: mapWidth, count: units.count, gamma: gamma, glyphs: s.glyphs,
            value: value)
        }
        for k in units.indices { stats.add(value(k)) }
        drawStats(&grid, x: statsX, y: y, stats, signed: false)
      }
      if rows.count > list.height {
        grid.writeRight(
          rect.maxX - 2, rect.maxY - 1,
          " \(s.ppnetScroll + 1)-\(min(rows.count, s.ppnetScroll + list.height))/\(rows.count) ",
          Style(fg: Palette.muted))
      }
      drawLayerDetail(&grid, s, layout.ppnetDetail, display, rows: rows, progress: p)
      let layers = display.target.ppnet.map(\.count).max() ?? 0
      drawLegend(
        &grid, s, layout.ppnetLegend, legend: ppnetLegend(s, gamma: gamma, layers: layers),
        sentence: ppnetSentence(s, display))
    }
  }

  /// The (task, layer) of each PPNet row, in display order.
  static func ppnetRows(_ readout: GateReadout) -> [(task: Int, layer: Int)] {
    readout.ppnet.enumerated().flatMap { t, layers in layers.indices.map { (t, $0) } }
  }

  /// The layer under the PPNet cursor: its width, every unit's gate (one cell per unit when the rows
  /// allow, bucket means otherwise), and its most damped and most amplified units (index from 0).
  static func drawLayerDetail(
    _ grid: inout CellGrid, _ s: ExplorerState, _ area: Rect, _ display: GateDisplay,
    rows: [(task: Int, layer: Int)], progress p: Float
  ) {
    guard area.height >= 4, !rows.isEmpty else { return }
    let (t, l) = rows[min(max(0, s.ppnetCursor), rows.count - 1)]
    let count = display.target.ppnet[t][l].count
    let values = (0..<count).map { display.ppValue(t, l, $0, p) }
    let gamma = display.target.gamma
    let name = t < s.catalog.tasks.count ? s.catalog.tasks[t] : "task\(t)"
    let top = area.row(0)
    grid.fill(top, s.glyphs.horizontal, Style(fg: Palette.border))
    let mean = values.reduce(0, +) / Float(max(1, count))
    let title =
      " \(name) L\(l + 1) \(s.glyphs.separator) \(count) units \(s.glyphs.separator) mean "
      + NumberFormat.fixed(mean, 2) + " "
    grid.write(top.x + 1, top.y, title, Style(fg: Palette.text, bold: true), maxWidth: top.width - 2)
    let block = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 3)
    // A column per unit when the layer is no wider than the pane and there are rows to spare (the
    // heights are the values), else the units row by row as a heatmap.
    if count <= block.width && block.height >= 2 {
      Widgets.columnChart(&grid, block, count: count, gamma: gamma, glyphs: s.glyphs) { values[$0] }
      if count + 2 <= block.width {
        grid.writeRight(block.maxX, block.y, NumberFormat.fixed(gamma, 0), Style(fg: Palette.muted))
        grid.writeRight(block.maxX, block.maxY - 1, "0", Style(fg: Palette.muted))
      }
    } else if Widgets.heatmapBlock(
      &grid, block, count: count, gamma: gamma, glyphs: s.glyphs, value: { values[$0] })
      < count
    {
      let shown = min(count, block.width * block.height)
      grid.writeRight(
        block.maxX, block.maxY - 1, " \(count / max(1, shown))+/cell", Style(fg: Palette.muted))
    }
    let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
    func extremes(_ y: Int, _ label: String, _ indices: [Int], _ color: UInt8) {
      var x = area.x + grid.write(area.x, y, label, Style(fg: color, bold: true))
      for k in indices {
        let text = " #\(k) " + NumberFormat.fixed(values[k], 2)
        guard x + text.displayWidth <= area.maxX else { break }
        x += grid.write(x, y, text, Style(fg: Palette.text))
      }
    }
    extremes(area.maxY - 2, "damped   ", Array(order.prefix(6)), Palette.damped)
    extremes(area.maxY - 1, "amplified", Array(order.reversed().prefix(6)), Palette.amplified)
  }

  /// `mean min max low% high%` in 23 columns.
  static func drawStats(_ grid: inout CellGrid, x: Int, y: Int, _ stats: GateStats, signed: Bool) {
    let mean = stats.mean
    let meanText = signed ? NumberFormat.short(mean, 2, plus: true) : NumberFormat.fixed(mean, 2)
    grid.write(
      x, y, NumberFormat.pad(meanText, 4),
      Style(fg: signed ? Palette.change(mean) : Palette.gate(mean, gamma: 2), bold: true))
    grid.write(
      x + 5, y, NumberFormat.pad(NumberFormat.short(stats.min, 2, plus: signed), 4), Style(fg: Palette.damped)
    )
    grid.write(
      x + 10, y, NumberFormat.pad(NumberFormat.short(stats.max, 2, plus: signed), 4),
      Style(fg: Palette.amplified))
    let below = stats.shareBelow
    let above = stats.shareAbove
    grid.write(
      x + 14, y, NumberFormat.pad(NumberFormat.percent(below), 4, right: true),
      Style(fg: below > 0 ? Palette.damped : Palette.border))
    grid.write(
      x + 19, y, NumberFormat.pad(NumberFormat.percent(above), 4, right: true),
      Style(fg: above > 0 ? Palette.amplified : Palette.border))
  }
}

/// Running summary of a set of gate values, without storing them.
struct GateStats {
  var low: Float
  var high: Float
  private(set) var count = 0
  private(set) var sum: Float = 0
  private(set) var min = Float.infinity
  private(set) var max = -Float.infinity
  private(set) var below = 0
  private(set) var above = 0

  init(low: Float, high: Float) {
    self.low = low
    self.high = high
  }

  mutating func add(_ v: Float) {
    count += 1
    sum += v
    if v < min { min = v }
    if v > max { max = v }
    if v < low { below += 1 }
    if v > high { above += 1 }
  }
  var mean: Float { count == 0 ? 0 : sum / Float(count) }
  var shareBelow: Float { count == 0 ? 0 : Float(below) / Float(count) }
  var shareAbove: Float { count == 0 ? 0 : Float(above) / Float(count) }
}
