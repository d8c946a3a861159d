import PepnetInference

extension Explorer {
  /// PPNet gates: one heatmap row per task and tower layer (downsampled to fit) with mean, min, max and
  /// the share of units damped below 0.5 and amplified above 1.5. Compare mode shows the pin beside the
  /// current gates, or the difference mapped onto the same ramp (neutral = no change).
  static func drawPPNet(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.rect(.ppnet)
    guard !rect.isEmpty else { return }
    Widgets.box(
      &grid, rect, title: Pane.ppnet.title, focused: s.focus == .ppnet, glyphs: s.glyphs,
      note: GateAvailability.absence(s.catalog.architecture, pane: .ppnet) == nil
        ? gateNote(s) : s.catalog.architecture.rawValue)
    let inner = rect.inset(1)
    if drawGateAbsence(&grid, s, pane: .ppnet, in: inner) { return }
    defer { if s.gates != nil && !s.gatesAreCurrent { greyOut(&grid, inner) } }
    guard let display = s.gates else {
      centered(&grid, inner.row(inner.height / 2), "waiting for gates…", Style(fg: Palette.muted))
      return
    }
    let gamma = display.target.gamma
    let p = display.progress(s.now)
    let pin = s.pinned?.gates
    let difference = pin != nil && s.compareStyle == .difference
    let longest = s.catalog.tasks.reduce(4) { max($0, $1.displayWidth) }
    let labelWidth = min(12, longest + 4)
    let statsWidth = 23
    let mapWidth = max(4, inner.width - labelWidth - 1 - statsWidth)
    let mapX = inner.x + labelWidth
    let header = Style(fg: Palette.muted, bold: true)
    grid.write(inner.x, inner.y, "task", header)
    let mapTitle = difference ? "now − pin" : pin != nil ? "pin | now" : "units"
    grid.write(mapX, inner.y, mapTitle, header, maxWidth: mapWidth)
    let statsX = mapX + mapWidth + 1
    let titles = difference ? ["Δμ", "min", "max", "<-.5", ">+.5"] : ["mean", "min", "max", "<.5", ">1.5"]
    for (title, offset) in zip(titles, [0, 5, 10, 18 - titles[3].displayWidth, 23 - titles[4].displayWidth]) {
      grid.write(statsX + offset, inner.y, title, header)
    }
    let list = layout.ppnetList
    var row = 0
    for (t, layers) in display.target.ppnet.enumerated() {
      for (l, units) in layers.enumerated() {
        defer { row += 1 }
        let y = list.y + row - s.ppnetScroll
        guard y >= list.y, y < list.maxY else { continue }
        if l == 0 {
          let name = t < s.catalog.tasks.count ? s.catalog.tasks[t] : "task\(t)"
          grid.write(inner.x, y, name, Style(fg: Palette.text, bold: true), maxWidth: labelWidth - 4)
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
          drawStats(&grid, x: mapX + mapWidth + 1, y: y, stats, signed: true)
          continue
        }
        if let pinUnits {
          let half = (mapWidth - 1) / 2
          Widgets.heatmapRow(
            &grid, x: mapX, y: y, width: half, count: pinUnits.count, gamma: gamma, glyphs: s.glyphs
          ) {
            pinUnits[$0]
          }
          grid.put(mapX + half, y, s.glyphs.vertical, Style(fg: Palette.border))
          // Both sides get the same width, so the same gates fall into the same buckets.
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
        drawStats(&grid, x: mapX + mapWidth + 1, y: y, stats, signed: false)
      }
    }
    if row > list.height {
      grid.writeRight(
        rect.maxX - 2, rect.maxY - 1,
        " \(s.ppnetScroll + 1)-\(min(row, s.ppnetScroll + list.height))/\(row) ", Style(fg: Palette.muted))
    }
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
