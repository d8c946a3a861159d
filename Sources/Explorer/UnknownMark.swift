extension Explorer {
  /// A user's id as the panes show it: followed by the unknown mark (`Glyphs.unknown`) when the
  /// model has no embedding of it and scores it through the out-of-vocabulary one (issue 18, item 5).
  static func userLabel(_ s: ExplorerState, _ user: Int) -> String {
    guard s.catalog.users.indices.contains(user) else { return "?" }
    let entry = s.catalog.users[user]
    return entry.known ? entry.id : entry.id + String(s.glyphs.unknown)
  }

  /// Writes an item's title, after the unknown mark (in the warning colour) when the model has no
  /// embedding of the item's id; returns the cells written.
  @discardableResult
  static func writeItemTitle(
    _ grid: inout CellGrid, _ x: Int, _ y: Int, _ s: ExplorerState, item: Int, style: Style, maxWidth: Int
  ) -> Int {
    let entry = s.catalog.items[item]
    var used = 0
    if !entry.known && maxWidth > 2 {
      // Greyed with a stale ranking, else in the warning colour.
      let mark = style.fg == Palette.border ? style : Style(fg: Palette.warning, bg: style.bg, bold: true)
      used = grid.write(x, y, "\(s.glyphs.unknown) ", mark)
    }
    return used
      + grid.write(x + used, y, entry.title, style, maxWidth: maxWidth - used, ellipsis: s.glyphs.ellipsis)
  }
}
