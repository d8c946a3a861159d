import PepnetText

extension Explorer {
  /// The highlighted item: title, features, and its score and rank in every task and the blend.
  static func drawDetails(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.rect(.details)
    guard !rect.isEmpty else { return }
    let item = s.highlightedItem
    let note = item.map { s.catalog.items[$0].id } ?? ""
    Widgets.box(
      &grid, rect, title: Pane.details.title, focused: s.focus == .details, glyphs: s.glyphs, note: note)
    let inner = rect.inset(1)
    guard let item, let rankings = s.rankings else {
      centered(&grid, inner.row(inner.height / 2), "no item yet", Style(fg: Palette.muted))
      return
    }
    let entry = s.catalog.items[item]
    writeItemTitle(
      &grid, inner.x, inner.y, s, item: item, style: Style(fg: Palette.text, bold: true),
      maxWidth: inner.width)
    // Features, flowed over up to two rows.
    var x = inner.x
    var y = inner.y + 1
    for field in entry.features {
      let text = "\(field.name)=\(field.value)"
      if x > inner.x && x + text.displayWidth > inner.maxX {
        y += 1
        x = inner.x
        if y > inner.y + 2 { break }
      }
      let n = grid.write(x, y, field.name, Style(fg: Palette.muted), maxWidth: inner.maxX - x)
      let m = grid.write(x + n, y, "=" + field.value, Style(fg: Palette.text), maxWidth: inner.maxX - x - n)
      x += n + m + 2
    }
    let tableTop = inner.y + 3
    guard tableTop < inner.maxY else { return }
    let barWidth = max(4, min(12, inner.width - 30))
    grid.write(inner.x, tableTop, NumberFormat.pad("task", 10), Style(fg: Palette.muted, bold: true))
    grid.write(inner.x + 11 + barWidth, tableTop, "score   rank", Style(fg: Palette.muted, bold: true))
    if s.pinned != nil {
      grid.write(inner.x + 24 + barWidth, tableTop, "Δpin", Style(fg: Palette.pinned, bold: true))
    }
    // The blend spans from the sum of the negative weights to the sum of the positive ones.
    let blendLow = s.weights.reduce(0) { $0 + min(0, $1) }
    let blendHigh = s.weights.reduce(0) { $0 + max(0, $1) }
    for tab in 0..<s.tabCount {
      let y = tableTop + 1 + tab
      guard y < inner.maxY else { break }
      let name = tab < s.catalog.tasks.count ? s.catalog.tasks[tab] : "blend"
      let style = tab == s.tab ? Style(fg: Palette.accent, bold: true) : Style(fg: Palette.text)
      grid.write(inner.x, y, name, style, maxWidth: 10)
      let score = rankings.score(tab: tab, item: item)
      let fraction =
        tab < s.catalog.tasks.count ? score : (score - blendLow) / max(1e-6, blendHigh - blendLow)
      Widgets.bar(
        &grid, x: inner.x + 10, y: y, width: barWidth, fraction: fraction, style: Style(fg: Palette.score),
        glyphs: s.glyphs)
      // An item outside the domain's candidates is not scored there (NaN): no score, no rank.
      let scoreText = rankings.isCandidate(item) ? NumberFormat.fixed(score, 3) : "-"
      grid.write(inner.x + 11 + barWidth, y, scoreText, Style(fg: Palette.text))
      let rank = rankings.rank(tab: tab, item: item)
      grid.write(
        inner.x + 17 + barWidth, y,
        // An item outside the domain's candidates has no rank there.
        NumberFormat.pad(rankings.isCandidate(item) ? "#\(rank + 1)" : "-", 6, right: true),
        Style(fg: Palette.text))
      if let pinned = s.pinned {
        drawRankMove(
          &grid, x: inner.x + 24 + barWidth, y: y, from: pinned.rankings.rank(tab: tab, item: item), to: rank,
          glyphs: s.glyphs)
      }
    }
  }
}
