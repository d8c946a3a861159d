import PepnetText

extension Explorer {
  /// Compare mode's answer to "what changed" from the pin to now, in place of the item pane: the
  /// ranking tab's top-20 overlap and rank correlation, the biggest movers up and down (among the
  /// items of either top 20), and where the pin's top items went.
  static func drawWhatChanged(
    _ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout, _ pinned: PinnedSelection
  ) {
    let rect = layout.rect(.details)
    guard !rect.isEmpty else { return }
    let tasks = s.catalog.tasks
    let tabName = s.tab < tasks.count ? tasks[s.tab] : "blend"
    Widgets.box(
      &grid, rect, title: whatChangedTitle, focused: s.focus == .details, glyphs: s.glyphs, note: tabName)
    let inner = rect.inset(1)
    guard inner.height > 0 else { return }
    // Rows: summary, "up" label, movers, "down" label, movers, where the pin's top items went.
    let movers = max(1, (inner.height - 4) / 2)
    guard let rankings = s.rankings,
      let comparison = pinned.comparison(to: rankings, tab: s.tab, movers: movers)
    else {
      centered(&grid, inner.row(inner.height / 2), "computing rankings…", Style(fg: Palette.muted))
      return
    }
    var y = inner.y
    let muted = Style(fg: Palette.muted)
    let x = inner.x
    var cx = x
    cx += grid.write(
      cx, y, summaryText(comparison, ascii: s.glyphs.isASCII), Style(fg: Palette.text, bold: true),
      maxWidth: inner.width)
    grid.write(
      cx + 2, y, "pin → now", Style(fg: Palette.pinned), maxWidth: max(0, inner.maxX - cx - 2))
    y += 1
    func moverRows(_ label: String, _ moves: [RankingComparison.Move]) {
      guard y < inner.maxY else { return }
      grid.write(x, y, label, muted, maxWidth: inner.width)
      y += 1
      if moves.isEmpty && y < inner.maxY {
        grid.write(x + 1, y, "none", muted)
        y += 1
      }
      let digits = s.catalog.rankDigits
      for move in moves.prefix(movers) where y < inner.maxY {
        drawRankMove(&grid, x: x, y: y, from: move.from - 1, to: move.to - 1, glyphs: s.glyphs)
        let ranks = "#\(move.from)\(s.glyphs.isASCII ? ">" : "→")#\(move.to)"
        let rx = x + digits + 2
        grid.write(rx, y, ranks, muted)
        let tx = rx + 2 * digits + 4
        writeItemTitle(
          &grid, tx, y, s, item: move.item, style: Style(fg: Palette.text), maxWidth: max(0, inner.maxX - tx))
        y += 1
      }
    }
    moverRows("moved up", comparison.up)
    moverRows("moved down", comparison.down)
    guard y < inner.maxY else { return }
    var px =
      x + grid.write(x, y, "pin's top \(comparison.baseTop.count) now at ", muted, maxWidth: inner.width)
    for move in comparison.baseTop {
      let text = "#\(move.to)"
      guard px + text.count <= inner.maxX else { break }
      let colour = move.change > 0 ? Palette.good : move.change < 0 ? Palette.bad : Palette.muted
      px += grid.write(px, y, text, Style(fg: colour)) + 1
    }
  }

  /// The pane's title in compare mode.
  static let whatChangedTitle = "What changed"

  /// "top-20 overlap 14/20 · ρ +0.932": the numbers `RankingComparison` computes.
  static func summaryText(_ c: RankingComparison, ascii: Bool = false) -> String {
    let depth = min(c.k, c.baseTop.count)
    let rho = NumberFormat.fixed(Float(c.spearman), 3, plus: true)
    return "top-\(c.k) overlap \(c.overlap)/\(depth)  \(ascii ? "rho" : "ρ") \(rho)"
  }
}
