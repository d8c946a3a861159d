import PepnetText

extension Explorer {
  /// The users list: a filter line, then one row per visible user with key features.
  static func drawUsers(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.rect(.users)
    guard !rect.isEmpty else { return }
    let total = s.catalog.users.count
    let note = s.visibleUsers.count == total ? "\(total)" : "\(s.visibleUsers.count)/\(total)"
    Widgets.box(
      &grid, rect, title: Pane.users.title, focused: s.focus == .users, glyphs: s.glyphs, note: note)
    let inner = rect.inset(1)
    let filterRow = inner.row(0)
    if s.searching {
      let n = grid.write(
        filterRow.x, filterRow.y, "/ " + s.filter, Style(fg: Palette.accent, bold: true),
        maxWidth: filterRow.width - 1)
      grid.put(filterRow.x + n, filterRow.y, s.glyphs.eighths[0], Style(fg: Palette.accent))
    } else if !s.filter.isEmpty {
      grid.write(
        filterRow.x, filterRow.y, "/ \(s.filter)", Style(fg: Palette.accent), maxWidth: filterRow.width,
        ellipsis: s.glyphs.ellipsis)
    } else {
      grid.write(
        filterRow.x, filterRow.y, "/ to filter users", Style(fg: Palette.border), maxWidth: filterRow.width)
    }
    // Column heads over the list: the user's id, then the summarised features' names.
    // A cell after the ids for the unknown mark when any user has one.
    let markWidth = s.catalog.hasUnknownUsers ? 1 : 0
    // At least as wide as the `user` head, so that short ids (KuaiRand's `2`) do not run the head
    // into the next one.
    let idWidth = min(8, s.catalog.users.reduce(4 - markWidth) { max($0, $1.id.displayWidth) }) + markWidth
    let heads = inner.row(1)
    grid.write(heads.x + 1, heads.y, "user", Style(fg: Palette.muted, bold: true), maxWidth: idWidth + 1)
    grid.write(
      heads.x + 2 + idWidth, heads.y, s.catalog.userColumns.joined(separator: " "),
      Style(fg: Palette.muted, bold: true), maxWidth: heads.width - idWidth - 3, ellipsis: s.glyphs.ellipsis)
    if s.visibleUsers.isEmpty {
      grid.write(layout.userList.x + 1, layout.userList.y, "no match", Style(fg: Palette.muted))
      return
    }
    Widgets.list(
      &grid, layout.userList, count: s.visibleUsers.count, scroll: s.userScroll, cursor: s.userCursor,
      focused: s.focus == .users, glyphs: s.glyphs
    ) { grid, row, index, _ in
      let u = s.visibleUsers[index]
      let marker: Unicode.Scalar = u == s.user ? s.glyphs.cursor : " "
      grid.put(row.x, row.y, marker, Style(fg: Palette.accent))
      let isPinned = s.pinned?.user == u
      let n = grid.write(
        row.x + 1, row.y, s.catalog.users[u].id,
        Style(fg: isPinned ? Palette.pinned : Palette.text, bold: true), maxWidth: idWidth - markWidth)
      if !s.catalog.users[u].known {
        grid.put(row.x + 1 + n, row.y, s.glyphs.unknown, Style(fg: Palette.warning, bold: true))
      }
      grid.write(
        row.x + 2 + idWidth, row.y, s.catalog.userSummary[u], Style(fg: Palette.muted),
        maxWidth: row.width - idWidth - 3, ellipsis: s.glyphs.ellipsis)
    }
  }
}
