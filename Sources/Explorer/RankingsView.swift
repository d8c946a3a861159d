import PepnetText

extension Explorer {
  /// The rankings pane: task tabs, blend weights, and the ranked list (or the comparison with the pin).
  static func drawRankings(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.rect(.rankings)
    guard !rect.isEmpty else { return }
    let tasks = s.catalog.tasks
    let tabName = s.tab < tasks.count ? tasks[s.tab] : "blend"
    Widgets.box(
      &grid, rect, title: "\(Pane.rankings.title) \(s.glyphs.separator) \(tabName)",
      focused: s.focus == .rankings,
      glyphs: s.glyphs,
      note: (s.rankings.map { $0.edits.isEmpty } ?? true ? "" : "what-if ")
        + selectionLabel(s, user: s.rankings?.user ?? s.user, domain: s.rankings?.domain ?? s.domain))
    // The fusion formula under the blend tab's list, wrapped.
    let formulaArea = layout.blendFormula
    if !formulaArea.isEmpty {
      let formula = BlendWeights.formula(s.weights, tasks: tasks, glyphs: s.glyphs)
      for (n, line) in wrap(formula, width: formulaArea.width).prefix(formulaArea.height).enumerated() {
        grid.write(
          formulaArea.x, formulaArea.y + n, line, Style(fg: Palette.accent), maxWidth: formulaArea.width,
          ellipsis: s.glyphs.ellipsis)
      }
    }
    let inner = rect.inset(1)
    for (i, tab) in layout.taskTabs.enumerated() {
      let label = i < tasks.count ? tasks[i] : "blend"
      let style = i == s.tab ? Style(fg: 16, bg: Palette.accent, bold: true) : Style(fg: Palette.muted)
      grid.write(tab.x, tab.y, label, style, maxWidth: tab.width, ellipsis: s.glyphs.ellipsis)
    }
    drawWeights(&grid, s, layout, inner.row(1))
    // Which items the list holds, on the bottom border: the domain's candidates or all items.
    let candidates = " candidates: \(s.catalog.candidatesLabel(domain: s.rankings?.domain ?? s.domain)) "
    if rect.width > candidates.displayWidth + 4 {
      grid.write(
        rect.maxX - 2 - candidates.displayWidth, rect.maxY - 1, candidates, Style(fg: Palette.muted),
        maxWidth: candidates.displayWidth)
    }
    guard let rankings = s.rankings else {
      centered(
        &grid, layout.rankingList.row(layout.rankingList.height / 2), "computing rankings…",
        Style(fg: Palette.muted))
      return
    }
    let stale = !s.rankingsAreCurrent
    if let pinned = s.pinned {
      if s.compareStyle == .sideBySide {
        drawSideBySide(&grid, s, layout, rankings, pinned, header: inner.row(2), stale: stale)
      } else {
        drawRankDifference(&grid, s, layout, rankings, pinned, header: inner.row(2), stale: stale)
      }
      return
    }
    let order = rankings.order(tab: s.tab)
    let digits = s.catalog.rankDigits
    let scale = BarScale(
      rankings, tab: s.tab, order: order, visible: s.rankScroll, rows: layout.rankingList.height)
    let columns = RankingColumns(width: layout.rankingList.width - 1, digits: digits)
    drawListHeader(&grid, inner.row(2), columns, scale, s.glyphs)
    Widgets.list(
      &grid, layout.rankingList, count: rankings.candidateCount, scroll: s.rankScroll, cursor: s.itemCursor,
      focused: s.focus == .rankings, glyphs: s.glyphs
    ) { grid, row, index, selected in
      let item = order[index]
      let score = rankings.score(tab: s.tab, item: item)
      let textStyle = stale ? Style(fg: Palette.border) : Style(fg: Palette.text)
      if selected { grid.put(row.x, row.y, s.glyphs.cursor, Style(fg: Palette.accent)) }
      grid.write(
        row.x + 1, row.y, NumberFormat.pad(String(index + 1), digits, right: true), Style(fg: Palette.muted))
      writeItemTitle(
        &grid, row.x + columns.title, row.y, s, item: item, style: textStyle, maxWidth: columns.titleWidth)
      Widgets.bar(
        &grid, x: row.x + columns.bar, y: row.y, width: columns.barWidth, fraction: scale.fraction(score),
        style: Style(fg: stale ? Palette.border : Palette.score), glyphs: s.glyphs)
      grid.write(row.x + columns.score, row.y, NumberFormat.fixed(score, 3), textStyle)
    }
  }

  /// The list's column header: rank, title, the score range the bars span, score.
  static func drawListHeader(
    _ grid: inout CellGrid, _ row: Rect, _ columns: RankingColumns, _ scale: BarScale, _ glyphs: Glyphs
  ) {
    let style = Style(fg: Palette.muted, bold: true)
    grid.write(row.x + 1, row.y, NumberFormat.pad("#", columns.digits, right: true), style)
    grid.write(row.x + columns.title, row.y, "title", style)
    let low = NumberFormat.short(scale.low, 3)
    let high = NumberFormat.short(scale.high, 3)
    if columns.barWidth >= low.count + high.count + 1 {
      grid.write(row.x + columns.bar, row.y, low, style)
      grid.writeRight(row.x + columns.bar + columns.barWidth, row.y, high, style)
    } else {
      grid.write(row.x + columns.bar, row.y, "bar", style, maxWidth: columns.barWidth)
    }
    grid.write(row.x + columns.score, row.y, "score", style)
  }

  /// The blend weights, each under its task tab (the weight under edit highlighted), and the
  /// fusion formula under the blend tab.
  static func drawWeights(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout, _ row: Rect) {
    guard !row.isEmpty else { return }
    for (t, tab) in layout.taskTabs.enumerated() {
      if t >= s.weights.count {
        grid.write(
          tab.x, row.y, s.glyphs.isASCII ? "w*p" : "Σw·p", Style(fg: Palette.muted),
          maxWidth: row.maxX - tab.x)
        continue
      }
      let weight = s.weights[t]
      var style = Style(fg: weight == 0 ? Palette.border : Palette.text)
      if t == s.weightCursor { style = Style(fg: Palette.warning, bold: true, underline: true) }
      let text =
        weight == weight.rounded() && tab.width < 3
        ? NumberFormat.fixed(weight, 0) : NumberFormat.fixed(weight, 1)
      grid.write(tab.x, row.y, text, style, maxWidth: min(tab.width + 1, row.maxX - tab.x))
    }
  }

  /// Pinned ranking on the left, current on the right with rank moves of each item.
  static func drawSideBySide(
    _ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout, _ rankings: Rankings,
    _ pinned: PinnedSelection, header: Rect, stale: Bool
  ) {
    let half = (header.width - 1) / 2
    grid.write(
      header.x, header.y, "pin " + selectionLabel(s, user: pinned.user, domain: pinned.domain),
      Style(fg: Palette.pinned, bold: true), maxWidth: half, ellipsis: s.glyphs.ellipsis)
    grid.write(
      header.x + half + 1, header.y, "now " + selectionLabel(s, user: s.user, domain: s.domain),
      Style(fg: Palette.accent, bold: true), maxWidth: half, ellipsis: s.glyphs.ellipsis)
    let current = rankings.order(tab: s.tab)
    let before = pinned.rankings.order(tab: s.tab)
    let digits = s.catalog.rankDigits
    Widgets.list(
      &grid, layout.rankingList, count: current.count, scroll: s.rankScroll, cursor: s.itemCursor,
      focused: s.focus == .rankings, glyphs: s.glyphs
    ) { grid, row, index, selected in
      // Left: rank, title, score. Right: cursor, rank, title, score, move (as wide as any rank).
      let titleWidth = half - digits - 6
      let old = before[index]
      grid.write(
        row.x, row.y, NumberFormat.pad(String(index + 1), digits, right: true), Style(fg: Palette.muted))
      writeItemTitle(
        &grid, row.x + digits + 1, row.y, s, item: old, style: Style(fg: Palette.muted), maxWidth: titleWidth)
      grid.write(
        row.x + digits + 2 + titleWidth, row.y,
        NumberFormat.short(pinned.rankings.score(tab: s.tab, item: old), 3), Style(fg: Palette.muted))
      grid.put(row.x + half, row.y, s.glyphs.vertical, Style(fg: Palette.border))
      let item = current[index]
      let x = row.x + half + 1
      let rightTitle = row.maxX - x - (2 * digits + 9)
      if selected { grid.put(x, row.y, s.glyphs.cursor, Style(fg: Palette.accent)) }
      grid.write(
        x + 1, row.y, NumberFormat.pad(String(index + 1), digits, right: true), Style(fg: Palette.muted))
      let textStyle = stale ? Style(fg: Palette.border) : Style(fg: Palette.text)
      let titleX = x + digits + 2
      writeItemTitle(&grid, titleX, row.y, s, item: item, style: textStyle, maxWidth: rightTitle)
      grid.write(
        titleX + rightTitle + 1, row.y, NumberFormat.short(rankings.score(tab: s.tab, item: item), 3),
        textStyle)
      drawRankMove(
        &grid, x: titleX + rightTitle + 6, y: row.y, from: pinned.rankings.rank(tab: s.tab, item: item),
        to: index, glyphs: s.glyphs)
    }
  }

  /// The current ranking with each item's rank and score change against the pin.
  static func drawRankDifference(
    _ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout, _ rankings: Rankings,
    _ pinned: PinnedSelection, header: Rect, stale: Bool
  ) {
    let current = rankings.order(tab: s.tab)
    let digits = s.catalog.rankDigits
    let titleWidth = layout.rankingList.width - 1 - (1 + digits + 1) - 1 - (1 + digits) - 1 - 5 - 1 - 6
    let headerStyle = Style(fg: Palette.muted, bold: true)
    grid.write(header.x + 1, header.y, NumberFormat.pad("#", digits, right: true), headerStyle)
    grid.write(
      header.x + digits + 2, header.y, "now " + selectionLabel(s, user: s.user, domain: s.domain),
      Style(fg: Palette.accent, bold: true), maxWidth: titleWidth, ellipsis: s.glyphs.ellipsis)
    let moveX = header.x + digits + 2 + titleWidth + 1
    grid.write(moveX, header.y, "move", headerStyle)
    grid.write(moveX + digits + 2, header.y, "score", headerStyle)
    grid.write(moveX + digits + 8, header.y, "Δpin", Style(fg: Palette.pinned, bold: true))
    // Score changes coloured on a ramp fitted to the largest change in this tab's ranking.
    let scale = DifferenceScale(
      current.map { rankings.score(tab: s.tab, item: $0) - pinned.rankings.score(tab: s.tab, item: $0) },
      floor: 0.0005)
    Widgets.list(
      &grid, layout.rankingList, count: current.count, scroll: s.rankScroll, cursor: s.itemCursor,
      focused: s.focus == .rankings, glyphs: s.glyphs
    ) { grid, row, index, selected in
      let item = current[index]
      // Cursor, rank, title, move (as wide as any rank), score, score change.
      if selected { grid.put(row.x, row.y, s.glyphs.cursor, Style(fg: Palette.accent)) }
      grid.write(
        row.x + 1, row.y, NumberFormat.pad(String(index + 1), digits, right: true), Style(fg: Palette.muted))
      let textStyle = stale ? Style(fg: Palette.border) : Style(fg: Palette.text)
      writeItemTitle(&grid, row.x + digits + 2, row.y, s, item: item, style: textStyle, maxWidth: titleWidth)
      var x = row.x + digits + 2 + titleWidth + 1
      drawRankMove(
        &grid, x: x, y: row.y, from: pinned.rankings.rank(tab: s.tab, item: item), to: index, glyphs: s.glyphs
      )
      x += digits + 2
      let score = rankings.score(tab: s.tab, item: item)
      grid.write(x, row.y, NumberFormat.fixed(score, 3), textStyle)
      let delta = score - pinned.rankings.score(tab: s.tab, item: item)
      grid.write(
        x + 6, row.y, NumberFormat.short(delta, 3, plus: true),
        Style(fg: scale.color(delta)))
    }
  }

  /// `▲12`, `▼1073` or `=` for a move from rank `from` to rank `to` (0-based), never capped: it
  /// takes at most `ExplorerCatalog.rankDigits + 1` cells.
  static func drawRankMove(_ grid: inout CellGrid, x: Int, y: Int, from: Int, to: Int, glyphs: Glyphs) {
    if from == to {
      grid.write(x, y, " =", Style(fg: Palette.muted))
    } else if to < from {
      grid.put(x, y, glyphs.rankUp, Style(fg: Palette.good))
      grid.write(x + 1, y, String(from - to), Style(fg: Palette.good))
    } else {
      grid.put(x, y, glyphs.rankDown, Style(fg: Palette.bad))
      grid.write(x + 1, y, String(to - from), Style(fg: Palette.bad))
    }
  }
}
