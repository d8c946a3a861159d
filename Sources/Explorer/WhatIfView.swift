import PepnetText

extension Explorer {
  /// The profile pane during a what-if: every editable feature with its value, edited ones marked
  /// (in the warning colour, then `✎` and the original value), the editor's cursor when it is open,
  /// and the keys.
  static func drawWhatIfProfile(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.profile
    guard !rect.isEmpty, s.catalog.users.indices.contains(s.user) else { return }
    let user = s.catalog.users[s.user]
    Widgets.box(
      &grid, rect, title: "What-if \(user.id)", focused: s.whatIfOpen, glyphs: s.glyphs,
      note: s.edits.isEmpty ? "" : "\(s.glyphs.isASCII ? "*" : "✎")\(s.edits.count)")
    let inner = rect.inset(1)
    guard inner.height > 0 else { return }
    let features = s.catalog.editableFeatures
    let nameWidth = min(12, max(4, features.reduce(0) { max($0, $1.name.displayWidth) }))
    let hintRows = s.whatIfOpen && inner.height > features.count ? 1 : 0
    let rows = inner.height - hintRows
    let first = max(0, min(s.whatIfCursor - rows + 1, features.count - rows))
    let mark = s.glyphs.isASCII ? "*" : "✎"
    for (row, f) in (first..<features.count).enumerated() where row < rows {
      let feature = features[f]
      let y = inner.y + row
      let selected = s.whatIfOpen && f == s.whatIfCursor
      if selected { grid.fill(inner.row(row), " ", Style(bg: Palette.selection)) }
      let bg: UInt8? = selected ? Palette.selection : nil
      grid.write(inner.x, y, feature.name, Style(fg: Palette.muted, bg: bg), maxWidth: nameWidth)
      let value = whatIfValue(s, feature: feature) ?? "?"
      let original = originalValue(s, feature: feature)
      let edited = s.edits.contains { $0.name == feature.name }
      var x = inner.x + nameWidth + 1
      if selected { x += grid.write(x, y, s.glyphs.isASCII ? "<" : "‹", Style(fg: Palette.accent, bg: bg)) }
      x += grid.write(
        x, y, value, Style(fg: edited ? Palette.warning : Palette.text, bg: bg, bold: edited),
        maxWidth: max(0, inner.maxX - x))
      if selected { x += grid.write(x, y, s.glyphs.isASCII ? ">" : "›", Style(fg: Palette.accent, bg: bg)) }
      if edited {
        let was = " \(mark)\(original ?? "?")"
        grid.write(x, y, was, Style(fg: Palette.warning, bg: bg), maxWidth: max(0, inner.maxX - x))
      } else if feature.isContext {
        grid.write(x, y, " (context)", Style(fg: Palette.border, bg: bg), maxWidth: max(0, inner.maxX - x))
      }
    }
    if hintRows > 0 {
      let arrows = s.glyphs.isASCII ? "<> value" : "←→ value"
      grid.write(
        inner.x, inner.maxY - 1, "\(arrows)  r revert", Style(fg: Palette.muted),
        maxWidth: inner.width,
        ellipsis: s.glyphs.ellipsis)
    }
  }

  /// "age=50+ hour=3": the edits in one line, for the header and labels.
  static func editsLabel(_ edits: [ProfileField]) -> String {
    edits.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
  }
}
