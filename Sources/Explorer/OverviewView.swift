import PepnetText

/// The population overview (`o`, issue 14 item 2): the field × domain heatmap of average EPNet
/// gates with their spread across users, the largest differences between domains, PPNet's average
/// and spread per task and layer, and the gates' health; the numbers of `pepnet inspect`.
extension Explorer {
  /// One cell: the mean on its heat colour, then the p10-p90 spread (`1.26 .90-1.50`).
  static let overviewCellWidth = 15

  static func drawOverview(_ grid: inout CellGrid, _ s: ExplorerState, _ body: Rect) {
    guard !body.isEmpty else { return }
    guard s.populationLoaded else {
      Widgets.box(&grid, body, title: "Overview", focused: true, glyphs: s.glyphs)
      centered(
        &grid, body.row(body.height / 2), "\(s.glyphs.busy) computing gates over the population sample…",
        Style(fg: Palette.warning))
      return
    }
    guard let p = s.population else {
      Widgets.box(&grid, body, title: "Overview", focused: true, glyphs: s.glyphs)
      centered(
        &grid, body.row(body.height / 2),
        "This model (\(s.catalog.architecture.name)) has no gates to average", Style(fg: Palette.text))
      return
    }
    if let problem = p.nonFiniteGate(domains: s.catalog.domains, tasks: s.catalog.tasks) {
      // As `pepnet inspect` refuses such a model, the overview shows no table of "nan"s.
      Widgets.box(&grid, body, title: "Overview", focused: true, glyphs: s.glyphs)
      centered(&grid, body.row(body.height / 2), problem, Style(fg: Palette.warning))
      return
    }
    let rows = overviewRows(p, s.catalog.domains.count, width: body.width)
    guard rows.total > body.height else {
      drawOverviewSections(&grid, s, p, body, rows: rows, definitions: rows.total + 3 <= body.height)
      return
    }
    // Taller than the screen: the sections at full height off screen, a window of them on screen
    // (scrolled by `overviewScroll`), and where the window is on the last row.
    let window = body.height - 1
    guard window > 0 else { return }
    let top = min(max(0, s.overviewScroll), rows.total + 3 - window)
    var tall = CellGrid(width: body.width, height: rows.total + 3)
    tall.asciiOnly = grid.asciiOnly
    drawOverviewSections(&tall, s, p, tall.bounds, rows: rows, definitions: true)
    for y in 0..<window {
      for x in 0..<body.width { grid[body.x + x, body.y + y] = tall[x, top + y] }
    }
    let marker = "rows \(top + 1)-\(top + window) of \(tall.height)"
    grid.writeRight(body.maxX - 1, body.maxY - 1, marker, Style(fg: Palette.muted))
  }

  /// The overview's sections at their natural heights (rows, borders included) for a body `width`
  /// wide, and whether EPNet and PPNet stand side by side; the health box without its definitions.
  struct OverviewRows {
    var epnet = 0
    var ppnet = 0
    var health = 0
    var twoColumns = false
    /// Rows the whole overview takes (without the health definitions).
    var total: Int { twoColumns ? max(epnet + health, ppnet) : epnet + ppnet + health }
  }

  static func overviewRows(_ p: ExplorerPopulation, _ domains: Int, width: Int) -> OverviewRows {
    let epnetWidth = 2 + 12 + domains * overviewCellWidth
    let ppnetWidth = 2 + 13 + domains * overviewCellWidth
    var rows = OverviewRows()
    rows.twoColumns = !p.epnet.isEmpty && !p.ppnet.isEmpty && width >= epnetWidth + ppnetWidth
    if !p.epnet.isEmpty {
      let inner = (rows.twoColumns ? width - ppnetWidth : width) - 2
      let contrasts = p.contrasts.reduce(0) { $0 + wrap($1, width: inner - 2).count }
      rows.epnet = 2 + 1 + p.fields.count + 1 + 2 + (p.contrasts.isEmpty ? 0 : 2 + contrasts)
    }
    if !p.ppnet.isEmpty {
      rows.ppnet = 2 + 1 + (p.ppnet.first ?? []).reduce(0) { $0 + $1.count } + 1
    }
    rows.health = 2 + 1 + [p.epnetHealth, p.ppnetHealth].compactMap { $0 }.count
    return rows
  }

  /// Rows of the overview as drawn (its definitions included when it scrolls), 0 while there is
  /// no table to show.
  public static func overviewContentRows(_ s: ExplorerState) -> Int {
    guard let p = s.population, p.nonFiniteGate(domains: s.catalog.domains, tasks: s.catalog.tasks) == nil
    else { return 0 }
    let body = ExplorerLayout(state: s).body
    let rows = overviewRows(p, s.catalog.domains.count, width: body.width)
    return rows.total > body.height ? rows.total + 3 : rows.total
  }

  /// Rows of the overview on screen at a time: the body, less the marker's row when it scrolls.
  static func overviewWindowRows(_ s: ExplorerState) -> Int {
    let body = ExplorerLayout(state: s).body
    return overviewContentRows(s) > body.height ? body.height - 1 : body.height
  }

  /// EPNet, PPNet and the health in `body`: side by side (EPNet over the health, PPNet beside) or
  /// stacked (PPNet and the health at their rows, EPNet taking the rest).
  static func drawOverviewSections(
    _ grid: inout CellGrid, _ s: ExplorerState, _ p: ExplorerPopulation, _ body: Rect, rows: OverviewRows,
    definitions: Bool
  ) {
    let sample =
      "\(p.users) users × \(p.itemsPerUser) items \(s.glyphs.separator) seed \(p.seed)"
    let healthRows = rows.health + (definitions ? 3 : 0)
    if rows.twoColumns {
      let ppnetWidth = 2 + 13 + s.catalog.domains.count * overviewCellWidth
      let (left, right) = body.splitLeft(body.width - ppnetWidth)
      let (top, bottom) = left.splitTop(left.height - healthRows)
      drawEPNetOverview(&grid, s, p, top, note: sample)
      drawHealth(&grid, s, p, bottom)
      drawPPNetOverview(&grid, s, p, right, note: "")
      return
    }
    let (rest, health) = body.splitTop(body.height - healthRows)
    if p.epnet.isEmpty {
      drawPPNetOverview(&grid, s, p, rest, note: sample)
    } else {
      let (top, bottom) = rest.splitTop(rest.height - rows.ppnet)
      drawEPNetOverview(&grid, s, p, top, note: sample)
      drawPPNetOverview(&grid, s, p, bottom, note: "")
    }
    drawHealth(&grid, s, p, health)
  }

  /// `1.26 .90-1.50`: the mean on the gate's ramp colour (the heatmap), the spread muted.
  static func drawSpreadCell(
    _ grid: inout CellGrid, x: Int, y: Int, _ spread: ExplorerSpread, gamma: Float, glyphs: Glyphs,
    current: Bool
  ) {
    let heat = Palette.gate(spread.mean, gamma: gamma)
    // Dark text on the light half of the ramp, light text on its deep blues.
    let ink: UInt8 = gamma > 0 && spread.mean / gamma < 0.3 ? 231 : 16
    grid.write(x, y, NumberFormat.fixed(spread.mean, 2), Style(fg: ink, bg: heat, bold: current))
    grid.write(
      x + 5, y, NumberFormat.short(spread.p10, 2) + "-" + NumberFormat.short(spread.p90, 2),
      Style(fg: Palette.muted))
  }

  /// The domain names over the cells, the selected domain highlighted.
  static func drawDomainHeader(_ grid: inout CellGrid, _ s: ExplorerState, x: Int, y: Int, maxX: Int) {
    for (d, name) in s.catalog.domains.enumerated() {
      let cx = x + d * overviewCellWidth
      guard cx < maxX else { break }
      grid.write(
        cx, y, name, Style(fg: d == s.domain ? Palette.accent : Palette.muted, bold: true),
        maxWidth: min(overviewCellWidth - 1, maxX - cx), ellipsis: s.glyphs.ellipsis)
    }
  }

  static func drawEPNetOverview(
    _ grid: inout CellGrid, _ s: ExplorerState, _ p: ExplorerPopulation, _ rect: Rect, note: String
  ) {
    Widgets.box(
      &grid, rect, title: "EPNet gate per field and domain", focused: true, glyphs: s.glyphs, note: note)
    let inner = rect.inset(1)
    guard inner.height > 1 else { return }
    let header = Style(fg: Palette.muted, bold: true)
    grid.write(inner.x, inner.y, "field", header)
    let cellsX = inner.x + 12
    drawDomainHeader(&grid, s, x: cellsX, y: inner.y, maxX: inner.maxX)
    var y = inner.y + 1
    for (f, field) in p.fields.enumerated() where y < inner.maxY {
      grid.write(inner.x, y, field, Style(fg: Palette.text), maxWidth: 11, ellipsis: s.glyphs.ellipsis)
      for d in p.epnet.indices where f < p.epnet[d].count {
        let x = cellsX + d * overviewCellWidth
        guard x + overviewCellWidth - 1 <= inner.maxX else { break }
        drawSpreadCell(
          &grid, x: x, y: y, p.epnet[d][f], gamma: p.gamma, glyphs: s.glyphs, current: d == s.domain)
      }
      y += 1
    }
    var lines = [
      "mean p10-p90 = the average gate, its spread across users",
      "(0 damps, 1 neutral, \(NumberFormat.trimmed(p.gamma)) amplifies; colour: the mean)",
    ]
    if !p.contrasts.isEmpty {
      lines.append("")
      lines.append("Largest differences between domains")
      for contrast in p.contrasts {
        lines += wrap(contrast, width: inner.width - 2).enumerated().map { $0 == 0 ? "  " + $1 : "    " + $1 }
      }
    }
    y += 1
    for (n, line) in lines.enumerated() where y < inner.maxY {
      let style =
        n < 2 ? Style(fg: Palette.muted) : line.hasPrefix(" ") ? Style(fg: Palette.text) : header
      grid.write(inner.x, y, line, style, maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
      y += 1
    }
  }

  static func drawPPNetOverview(
    _ grid: inout CellGrid, _ s: ExplorerState, _ p: ExplorerPopulation, _ rect: Rect, note: String
  ) {
    guard !p.ppnet.isEmpty else { return }
    Widgets.box(
      &grid, rect, title: "PPNet gate per task, layer and domain", focused: true, glyphs: s.glyphs, note: note
    )
    let inner = rect.inset(1)
    guard inner.height > 2 else { return }
    let header = Style(fg: Palette.muted, bold: true)
    grid.write(inner.x, inner.y, "task", header)
    let cellsX = inner.x + 13
    drawDomainHeader(&grid, s, x: cellsX, y: inner.y, maxX: inner.maxX)
    var y = inner.y + 1
    let tasks = p.ppnet.first?.count ?? 0
    let last = inner.maxY - 1
    outer: for t in 0..<tasks {
      let layers = p.ppnet[0][t].count
      for l in 0..<layers {
        guard y < last else { break outer }
        if l == 0 {
          let name = t < s.catalog.tasks.count ? s.catalog.tasks[t] : "task\(t)"
          grid.write(
            inner.x, y, name, Style(fg: Palette.text, bold: true), maxWidth: 9, ellipsis: s.glyphs.ellipsis)
        }
        grid.write(inner.x + 10, y, "L\(l + 1)", Style(fg: Palette.muted))
        for d in p.ppnet.indices where t < p.ppnet[d].count && l < p.ppnet[d][t].count {
          let x = cellsX + d * overviewCellWidth
          guard x + overviewCellWidth - 1 <= inner.maxX else { break }
          drawSpreadCell(
            &grid, x: x, y: y, p.ppnet[d][t][l], gamma: p.gamma, glyphs: s.glyphs, current: d == s.domain)
        }
        y += 1
      }
    }
    grid.write(
      inner.x, last,
      "L1-L\(p.ppnet.first?.first?.count ?? 1) = tower layers; a layer's gate = mean of its units",
      Style(fg: Palette.muted), maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
  }

  static func drawHealth(_ grid: inout CellGrid, _ s: ExplorerState, _ p: ExplorerPopulation, _ rect: Rect) {
    guard rect.height >= 3 else { return }
    Widgets.box(&grid, rect, title: "Gate health", focused: true, glyphs: s.glyphs)
    let inner = rect.inset(1)
    let columns = [7, 18, 32]
    func row(_ cells: [String]) -> String {
      var text = ""
      for (n, cell) in cells.enumerated() {
        let start = n == 0 ? 0 : columns[n - 1]
        text += n < columns.count ? NumberFormat.pad(cell, columns[n] - start) : cell
      }
      return text
    }
    var lines: [(String, Style)] = [
      (row(["", "saturated", "near neutral", "dead units"]), Style(fg: Palette.muted, bold: true))
    ]
    for (name, health) in [("EPNet", p.epnetHealth), ("PPNet", p.ppnetHealth)] {
      guard let h = health else { continue }
      lines.append(
        (
          row([
            name, percent(h.saturatedShare), percent(h.nearNeutralShare),
            "\(percent(h.deadShare)) of \(h.units)",
          ]), Style(fg: Palette.text)
        ))
    }
    let muted = Style(fg: Palette.muted)
    lines.append(("saturated: within .05 of 0 or \(gammaName(s.glyphs)) (flat, cannot move)", muted))
    lines.append(("near neutral: within .05 of 1 (changes nothing)", muted))
    lines.append(("dead: spread across users (p90-p10) below .01", muted))
    for (n, line) in lines.enumerated() where n < inner.height {
      grid.write(inner.x, inner.y + n, line.0, line.1, maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
    }
  }

  /// A share with one decimal, as `pepnet inspect` prints it: `12.5%`.
  static func percent(_ share: Double) -> String {
    let tenths = Int((share * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }
}
