import PepnetText

extension Explorer {
  /// The selected user's profile: a page of features (`p` turns it, the wheel scrolls it) with
  /// names shortened so that different names still differ, what the page shows on the bottom
  /// border, and a line saying so when the model has no embedding of the user's id.
  static func drawProfile(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.profile
    guard !rect.isEmpty, s.catalog.users.indices.contains(s.user) else { return }
    let user = s.catalog.users[s.user]
    Widgets.box(&grid, rect, title: "Profile \(userLabel(s, s.user))", focused: false, glyphs: s.glyphs)
    let inner = rect.inset(1)
    guard inner.height > 0, inner.width > 0 else { return }
    if !user.known {
      grid.write(
        inner.x, inner.y, "\(s.glyphs.unknown) unknown: OOV embedding", Style(fg: Palette.warning),
        maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
    }
    let list = profileList(s, layout)
    let features = user.features
    let first = profileFirstRow(s, rows: list.height)
    // Names get the room the values do not need, and at least half the row.
    let longestName = features.reduce(4) { max($0, $1.name.displayWidth) }
    let longestValue = features.reduce(1) { max($0, $1.value.displayWidth) }
    let nameWidth = max(1, min(longestName, max(inner.width / 2, inner.width - 1 - longestValue)))
    let names = DistinctNames.shorten(features.map(\.name), to: nameWidth, ellipsis: s.glyphs.ellipsis)
    for row in 0..<max(0, list.height) where first + row < features.count {
      let f = first + row
      grid.write(list.x, list.y + row, names[f], Style(fg: Palette.muted), maxWidth: nameWidth)
      grid.write(
        list.x + nameWidth + 1, list.y + row, features[f].value, Style(fg: Palette.text),
        maxWidth: list.width - nameWidth - 1, ellipsis: s.glyphs.ellipsis)
    }
    guard features.count > list.height, list.height > 0 else { return }
    // "1-12/30 · p next": which features are on screen, and the key that turns the page.
    let shown = "\(first + 1)-\(min(features.count, first + list.height))/\(features.count)"
    let key = KeyMap.bindings.first { $0.command == .profilePage }?.keyLabel ?? ""
    let turn = first + list.height >= features.count ? "first" : "next"
    let long = " \(shown) \(s.glyphs.separator) \(key) \(turn) "
    let note = long.displayWidth <= rect.width - 4 ? long : " \(shown) "
    grid.writeRight(rect.maxX - 2, rect.maxY - 1, note, Style(fg: Palette.muted))
  }

  /// The profile pane's feature rows: inside its box, under the unknown-id line.
  static func profileList(_ s: ExplorerState, _ layout: ExplorerLayout) -> Rect {
    let inner = layout.profile.inset(1)
    guard s.catalog.users.indices.contains(s.user), !s.catalog.users[s.user].known, inner.height > 1 else {
      return inner
    }
    return inner.splitTop(1).1
  }

  /// The first feature on screen: `profileScroll` within the selected user's features, and 0 when
  /// they all fit in `rows`.
  static func profileFirstRow(_ s: ExplorerState, rows: Int) -> Int {
    let count = profileFeatureCount(s)
    return count <= rows ? 0 : max(0, min(s.profileScroll, count - 1))
  }
}
