import PepnetText

extension Explorer {
  /// The bottom bar: key hints generated from the key map, and what the model is doing.
  static func drawStatus(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.status
    grid.fill(rect, " ", Style(fg: Palette.text, bg: Palette.header))
    let keyStyle = Style(fg: Palette.accent, bg: Palette.header, bold: true)
    let textStyle = Style(fg: Palette.muted, bg: Palette.header)
    var x = rect.x + 1
    for (key, text) in statusHints(s.keyContexts, domainCount: s.catalog.domains.count) {
      guard x + key.displayWidth + text.displayWidth + 2 < rect.maxX - 22 else { break }
      x += grid.write(x, rect.y, key, keyStyle)
      x += grid.write(x + 1, rect.y, text, textStyle) + 3
    }
    let message: String
    if s.pendingScores != nil {
      message = "\(s.glyphs.busy) ranking \(selectionLabel(s, user: s.user, domain: s.domain))"
    } else if s.pendingGates != nil {
      message = "\(s.glyphs.busy) reading gates"
    } else if let rankings = s.rankings {
      message =
        "\(rankings.scores.first?.count ?? 0) items \(s.glyphs.separator) \(s.catalog.tasks.count) tasks"
    } else {
      message = ""
    }
    grid.writeRight(
      rect.maxX - 1, rect.y, message,
      Style(fg: s.isComputing ? Palette.warning : Palette.muted, bg: Palette.header))
  }

  /// (key, hint) pairs from the hinted bindings of the active contexts whose key does what the hint
  /// says (a key the filter types is not offered as a command); help and quit first so they survive
  /// narrow terminals.
  public static func statusHints(
    _ contexts: [KeyContext] = [.normal], domainCount: Int
  ) -> [(String, String)] {
    let first: [Command.Kind] = [.help, .quit]
    let hinted = contexts.flatMap { KeyMap.bindings(in: $0) }.filter {
      $0.hint != nil && KeyMap.reaches($0, in: contexts)
    }
    let ordered =
      hinted.filter { first.contains($0.command.kind) } + hinted.filter { !first.contains($0.command.kind) }
    return ordered.compactMap { binding in
      guard let hint = binding.hint else { return nil }
      if case .domain = binding.command { return ("1-\(min(9, max(1, domainCount)))", hint) }
      return (binding.hintKeys ?? binding.keys.first?.label ?? "", hint)
    }
  }
}
