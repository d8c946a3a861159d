import PepnetText

extension Explorer {
  /// The bottom bar: key hints generated from the key map, and what the model is doing.
  static func drawStatus(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    let rect = layout.status
    grid.fill(rect, " ", Style(fg: Palette.text, bg: Palette.header))
    let keyStyle = Style(fg: Palette.accent, bg: Palette.header, bold: true)
    let textStyle = Style(fg: Palette.muted, bg: Palette.header)
    var x = rect.x + 1
    let hints: [(String, String)] =
      s.searching
      ? [("type", "filter"), ("Enter", "keep"), ("Esc", "clear"), ("↑↓", "move")]
      : statusHints(domainCount: s.catalog.domains.count)
    // Room on the right for the message (a status note, such as an export's paths, may be longer).
    let reserved = max(22, (s.statusNote?.displayWidth ?? 0) + 2)
    for (key, text) in hints {
      guard x + key.displayWidth + text.displayWidth + 2 < rect.maxX - reserved else { break }
      x += grid.write(x, rect.y, key, keyStyle)
      x += grid.write(x + 1, rect.y, text, textStyle) + 3
    }
    let message: String
    if let note = s.statusNote {
      message = note
    } else if s.pendingScores != nil {
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

  /// (key, hint) pairs from the key map's bindings that carry a hint; help and quit first so they
  /// survive narrow terminals.
  public static func statusHints(domainCount: Int) -> [(String, String)] {
    let first: [Command] = [.help, .quit]
    let ordered =
      KeyMap.bindings.filter { first.contains($0.command) }
      + KeyMap.bindings.filter { !first.contains($0.command) }
    return ordered.compactMap { binding in
      guard let hint = binding.hint else { return nil }
      switch binding.command {
      case .domain: return ("1-\(min(9, max(1, domainCount)))", hint)
      case .weightUp: return ("+/-", hint)
      case .down: return ("↑↓", hint)
      default: return (binding.keys[0].label, hint)
      }
    }
  }
}
