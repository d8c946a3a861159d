import PepnetText

extension Explorer {
  /// The top bar: brand, domain tabs, model title and mode flags.
  static func drawHeader(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let bar = Style(fg: Palette.text, bg: Palette.header)
    grid.fill(layout.header, " ", bar)
    grid.write(0, 0, ExplorerLayout.brand, Style(fg: Palette.accent, bg: Palette.header, bold: true))
    for (i, tab) in layout.domainTabs.enumerated() where tab.maxX <= layout.header.width {
      let name = s.catalog.domains[i]
      let active = i == s.domain
      let core = i < 9 ? "\(i + 1) \(name)" : name
      let label = active ? "[\(core)]" : " \(core) "
      let style =
        active
        ? Style(fg: 16, bg: Palette.accent, bold: true, reverse: false)
        : Style(fg: Palette.muted, bg: Palette.header)
      grid.write(tab.x, 0, label, style)
    }
    var flags: [(String, UInt8)] = []
    if s.view != .main { flags.append((s.view.rawValue.uppercased(), Palette.accent)) }
    if s.isComputing { flags.append(("\(s.glyphs.busy) computing", Palette.warning)) }
    if let pinned = s.pinned {
      let style = s.compareStyle == .sideBySide ? "side" : "diff"
      flags.append(
        (
          "PIN \(selectionLabel(s, user: pinned.user, domain: pinned.domain))\(pinned.edits.isEmpty ? "" : " what-if")"
            + " [\(style)]", Palette.pinned
        ))
    }
    if s.keepItem { flags.append(("SAME ITEM", Palette.accent)) }
    if !s.edits.isEmpty { flags.append(("WHAT-IF \(editsLabel(s.edits))", Palette.warning)) }
    if s.touring { flags.append(("TOUR", Palette.good)) }
    var right = layout.header.width - 1
    for (text, color) in flags.reversed() {
      let start = right - text.displayWidth
      guard start > (layout.domainTabs.last?.maxX ?? 0) + 2 else { break }
      grid.write(start, 0, text, Style(fg: color, bg: Palette.header, bold: true))
      right = start - 2
    }
    let titleX = (layout.domainTabs.last?.maxX ?? ExplorerLayout.brand.displayWidth) + 2
    if right - titleX > 8 {
      grid.write(
        titleX, 0, s.catalog.title, Style(fg: Palette.muted, bg: Palette.header), maxWidth: right - titleX,
        ellipsis: s.glyphs.ellipsis)
    }
  }
}
