import PepnetText

extension Explorer {
  /// The help lines, generated from the key map: section headers, then `keys  description`.
  public static func helpLines() -> [(keys: String, text: String, isSection: Bool)] {
    helpLines(sections: KeyMap.sections)
  }

  /// The overlay's pages (Tab turns them): the keys of the main view, then the views' keys with
  /// the legend of abbreviations and the mouse; both together do not fit 80x24.
  public static func helpPages() -> [[(keys: String, text: String, isSection: Bool)]] {
    [
      helpLines(sections: KeyMap.sections.filter { $0 != "Views" }),
      helpLines(sections: ["Views"]) + glossaryLines(),
    ]
  }

  static func helpLines(sections: [String]) -> [(keys: String, text: String, isSection: Bool)] {
    var lines: [(keys: String, text: String, isSection: Bool)] = []
    for section in sections {
      lines.append((keys: "", text: section, isSection: true))
      for binding in KeyMap.bindings
      where binding.section == section && KeyMap.contextsInHelp.contains(binding.context) {
        lines.append((keys: binding.keyLabel, text: binding.description, isSection: false))
      }
    }
    return lines
  }

  /// The overlay's title, naming the keys that close it (the help context's bindings).
  static func helpTitle(legend: Bool) -> String {
    let keys = KeyMap.bindings(in: .help).filter { $0.command == .help }.flatMap(\.keys).map(\.label)
    let named =
      keys.count > 1 ? keys.dropLast().joined(separator: ", ") + " or " + keys[keys.count - 1] : keys.first
    let close = "\(named ?? "Esc") to close"
    // Tab's page turn is in the status bar (the help context's hints): the title stays short
    // enough for the narrowest box.
    return legend ? "Help: views and legend (\(close))" : "Help: keys (\(close))"
  }

  /// The `?` overlay: a centred box with the help in as few columns as fit the screen. A section
  /// is never split from its heading (a section longer than a column continues under a repeated
  /// heading), and descriptions wrap instead of being cut.
  static func drawHelp(_ grid: inout CellGrid, _ s: ExplorerState) {
    let layout = HelpLayout(lines: helpPages()[s.showLegend ? 1 : 0], size: s.size)
    let rect = layout.box
    let background: UInt8 = 235
    grid.fill(rect, " ", Style(fg: Palette.text, bg: background))
    Widgets.box(&grid, rect, title: helpTitle(legend: s.showLegend), focused: true, glyphs: s.glyphs)
    for placed in layout.placed {
      switch placed.kind {
      case .heading:
        grid.write(
          placed.x, placed.y, placed.text, Style(fg: Palette.warning, bg: background, bold: true),
          maxWidth: placed.width, ellipsis: s.glyphs.ellipsis)
      case .keys:
        grid.write(
          placed.x, placed.y, placed.text, Style(fg: Palette.accent, bg: background, bold: true),
          maxWidth: placed.width)
      case .text:
        grid.write(
          placed.x, placed.y, placed.text, Style(fg: Palette.text, bg: background), maxWidth: placed.width,
          ellipsis: s.glyphs.ellipsis)
      }
    }
  }
}
