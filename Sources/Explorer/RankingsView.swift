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
      note: selectionLabel(s, user: s.rankings?.user ?? s.user, domain: s.rankings?.domain ?? s.domain))
    let inner = rect.inset(1)
    for (i, tab) in layout.taskTabs.enumerated() {
      let label = i < tasks.count ? tasks[i] : "blend"
      let style = i == s.tab ? Style(fg: 16, bg: Palette.accent, bold: true) : Style(fg: Palette.muted)
      grid.write(tab.x, tab.y, label, style, maxWidth: tab.width)
    }
    drawWeights(&grid, s, layout, inner.row(1))
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
        drawRankDifference(&grid, s, layout, rankings, pinned, stale: stale)
      }
      return
    }
    let order = rankings.order(tab: s.tab)
    let weightSum = max(1e-6, s.weights.reduce(0, +))
    Widgets.list(
      &grid, layout.rankingList, count: order.count, scroll: s.rankScroll, cursor: s.itemCursor,
      focused: s.focus == .rankings, glyphs: s.glyphs
    ) { grid, row, index, selected in
      let item = order[index]
      let score = rankings.score(tab: s.tab, item: item)
      let barWidth = min(10, row.width / 4)
      let titleWidth = row.width - 4 - 1 - 1 - barWidth - 1 - 5
      let textStyle = stale ? Style(fg: Palette.border) : Style(fg: Palette.text)
      if selected { grid.put(row.x, row.y, s.glyphs.cursor, Style(fg: Palette.accent)) }
      grid.write(
        row.x + 1, row.y, NumberFormat.pad(String(index + 1), 3, right: true), Style(fg: Palette.muted))
      grid.write(
        row.x + 5, row.y, s.catalog.items[item].title, textStyle, maxWidth: titleWidth,
        ellipsis: s.glyphs.ellipsis)
      let fraction = s.tab < tasks.count ? score : score / weightSum
      Widgets.bar(
        &grid, x: row.x + 6 + titleWidth, y: row.y, width: barWidth, fraction: fraction,
        style: Style(fg: stale ? Palette.border : Palette.score), glyphs: s.glyphs)
      grid.write(row.x + 7 + titleWidth + barWidth, row.y, NumberFormat.fixed(score, 3), textStyle)
    }
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
    Widgets.list(
      &grid, layout.rankingList, count: current.count, scroll: s.rankScroll, cursor: s.itemCursor,
      focused: s.focus == .rankings, glyphs: s.glyphs
    ) { grid, row, index, selected in
      let titleWidth = half - 4 - 6
      let old = before[index]
      grid.write(row.x, row.y, NumberFormat.pad(String(index + 1), 3, right: true), Style(fg: Palette.muted))
      grid.write(
        row.x + 4, row.y, s.catalog.items[old].title, Style(fg: Palette.muted), maxWidth: titleWidth,
        ellipsis: s.glyphs.ellipsis)
      grid.write(
        row.x + 4 + titleWidth + 1, row.y,
        NumberFormat.short(pinned.rankings.score(tab: s.tab, item: old), 3), Style(fg: Palette.muted))
      grid.put(row.x + half, row.y, s.glyphs.vertical, Style(fg: Palette.border))
      let item = current[index]
      let x = row.x + half + 1
      let rightTitle = half - 15
      if selected { grid.put(x, row.y, s.glyphs.cursor, Style(fg: Palette.accent)) }
      grid.write(x + 1, row.y, NumberFormat.pad(String(index + 1), 3, right: true), Style(fg: Palette.muted))
      let textStyle = stale ? Style(fg: Palette.border) : Style(fg: Palette.text)
      grid.write(
        x + 5, row.y, s.catalog.items[item].title, textStyle, maxWidth: rightTitle,
        ellipsis: s.glyphs.ellipsis)
      grid.write(
        x + 6 + rightTitle, row.y, NumberFormat.short(rankings.score(tab: s.tab, item: item), 3), textStyle)
      drawRankMove(
        &grid, x: x + 6 + rightTitle + 5, y: row.y, from: pinned.rankings.rank(tab: s.tab, item: item),
        to: index, glyphs: s.glyphs)
    }
  }

  /// The current ranking with each item's rank and score change against the pin.
  static func drawRankDifference(
    _ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout, _ rankings: Rankings,
    _ pinned: PinnedSelection, stale: Bool
  ) {
    let current = rankings.order(tab: s.tab)
    Widgets.list(
      &grid, layout.rankingList, count: current.count, scroll: s.rankScroll, cursor: s.itemCursor,
      focused: s.focus == .rankings, glyphs: s.glyphs
    ) { grid, row, index, selected in
      let item = current[index]
      let titleWidth = row.width - 4 - 1 - 4 - 1 - 5 - 1 - 6
      if selected { grid.put(row.x, row.y, s.glyphs.cursor, Style(fg: Palette.accent)) }
      grid.write(
        row.x + 1, row.y, NumberFormat.pad(String(index + 1), 3, right: true), Style(fg: Palette.muted))
      let textStyle = stale ? Style(fg: Palette.border) : Style(fg: Palette.text)
      grid.write(
        row.x + 5, row.y, s.catalog.items[item].title, textStyle, maxWidth: titleWidth,
        ellipsis: s.glyphs.ellipsis)
      var x = row.x + 5 + titleWidth + 1
      drawRankMove(
        &grid, x: x, y: row.y, from: pinned.rankings.rank(tab: s.tab, item: item), to: index, glyphs: s.glyphs
      )
      x += 5
      let score = rankings.score(tab: s.tab, item: item)
      grid.write(x, row.y, NumberFormat.fixed(score, 3), textStyle)
      let delta = score - pinned.rankings.score(tab: s.tab, item: item)
      grid.write(
        x + 6, row.y, NumberFormat.short(delta, 3, plus: true),
        Style(fg: Palette.change(delta, threshold: 0.0005)))
    }
  }

  /// `▲12`, `▼3` or `=` for a move from rank `from` to rank `to` (0-based).
  static func drawRankMove(_ grid: inout CellGrid, x: Int, y: Int, from: Int, to: Int, glyphs: Glyphs) {
    if from == to {
      grid.write(x, y, " =", Style(fg: Palette.muted))
    } else if to < from {
      grid.put(x, y, glyphs.rankUp, Style(fg: Palette.good))
      grid.write(x + 1, y, String(min(999, from - to)), Style(fg: Palette.good))
    } else {
      grid.put(x, y, glyphs.rankDown, Style(fg: Palette.bad))
      grid.write(x + 1, y, String(min(999, to - from)), Style(fg: Palette.bad))
    }
  }
}
