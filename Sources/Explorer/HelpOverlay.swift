import PepnetText

extension Explorer {
  /// The help lines, generated from the key map: section headers, then `keys  description`.
  public static func helpLines() -> [(keys: String, text: String, isSection: Bool)] {
    var lines: [(keys: String, text: String, isSection: Bool)] = []
    for section in KeyMap.sections {
      lines.append((keys: "", text: section, isSection: true))
      for binding in KeyMap.bindings
      where binding.section == section && KeyMap.contextsInHelp.contains(binding.context) {
        lines.append((keys: binding.keyLabel, text: binding.description, isSection: false))
      }
    }
    lines.append((keys: "", text: "Mouse", isSection: true))
    for (gesture, action) in KeyMap.mouse { lines.append((keys: gesture, text: action, isSection: false)) }
    return lines
  }

  /// The overlay's title, naming the keys that close it (the help context's bindings).
  static var helpTitle: String {
    let keys = KeyMap.bindings(in: .help).filter { $0.command == .help }.flatMap(\.keys).map(\.label)
    let named =
      keys.count > 1 ? keys.dropLast().joined(separator: ", ") + " or " + keys[keys.count - 1] : keys.first
    return "Help: keys (\(named ?? "Esc") to close)"
  }

  /// The `?` overlay: a centred box with the help in as few columns as fit the screen. A section
  /// is never split from its heading (a section longer than a column continues under a repeated
  /// heading), and descriptions wrap instead of being cut.
  static func drawHelp(_ grid: inout CellGrid, _ s: ExplorerState) {
    let layout = HelpLayout(lines: helpLines(), size: s.size)
    let rect = layout.box
    let background: UInt8 = 235
    grid.fill(rect, " ", Style(fg: Palette.text, bg: background))
    Widgets.box(&grid, rect, title: helpTitle, focused: true, glyphs: s.glyphs)
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
