/// The one table of key bindings: input decoding, the help overlay and the status bar hints all
/// come from here, so help cannot drift from what the keys do.
public struct KeyBinding: Sendable {
  public var keys: [Key]
  public var command: Command
  /// A sentence for the help overlay.
  public var description: String
  /// Help overlay section.
  public var section: String
  /// A short label for the status bar, or nil to keep the binding out of it.
  public var hint: String?

  /// The command for one of this binding's keys (the digits carry their domain index).
  public func command(for key: Key) -> Command {
    if case .domain = command, let d = key.digit { return .domain(d - 1) }
    return command
  }

  /// The keys as written in help, e.g. `↑ k`; runs of digits are shortened to `1-9`.
  public var keyLabel: String {
    if case .domain = command { return "1-9" }
    return keys.map(\.label).joined(separator: " ")
  }
}

/// The explorer's bindings.
public enum KeyMap {
  public static let bindings: [KeyBinding] = [
    KeyBinding(
      keys: [.up, .char("k")], command: .up, description: "Move up in the focused pane", section: "Move"),
    KeyBinding(
      keys: [.down, .char("j")], command: .down, description: "Move down in the focused pane",
      section: "Move",
      hint: "move"),
    KeyBinding(
      keys: [.left, .char("h")], command: .left, description: "Previous task tab, or pane",
      section: "Move"),
    KeyBinding(
      keys: [.right, .char("l")], command: .right, description: "Next task tab, or pane",
      section: "Move"),
    KeyBinding(keys: [.pageUp], command: .pageUp, description: "Page up", section: "Move"),
    KeyBinding(keys: [.pageDown], command: .pageDown, description: "Page down", section: "Move"),
    KeyBinding(keys: [.home], command: .home, description: "First row", section: "Move"),
    KeyBinding(keys: [.end], command: .end, description: "Last row", section: "Move"),
    KeyBinding(
      keys: [.tab], command: .nextPane, description: "Focus the next pane", section: "Move", hint: "pane"),
    KeyBinding(
      keys: [.backTab], command: .previousPane, description: "Focus the previous pane", section: "Move"),
    KeyBinding(
      keys: [.enter], command: .activate, description: "Open: user → rankings → gates", section: "Move"),
    KeyBinding(
      keys: [.char("/")], command: .search, description: "Filter users by id or feature text",
      section: "Users", hint: "search"),
    KeyBinding(
      keys: (1...9).map { .char(Character(String($0))) }, command: .domain(0),
      description: "Switch to domain N",
      section: "Domains", hint: "domain"),
    KeyBinding(
      keys: [.char("[")], command: .previousDomain, description: "Previous domain", section: "Domains"),
    KeyBinding(keys: [.char("]")], command: .nextDomain, description: "Next domain", section: "Domains"),
    KeyBinding(
      keys: [.char("+"), .char("=")], command: .weightUp, description: "Raise the selected blend weight",
      section: "Blend", hint: "weight"),
    KeyBinding(
      keys: [.char("-")], command: .weightDown, description: "Lower the selected blend weight",
      section: "Blend"),
    KeyBinding(
      keys: [.char("<"), .char(",")], command: .previousWeight,
      description: "Select the previous task weight",
      section: "Blend"),
    KeyBinding(
      keys: [.char(">"), .char(".")], command: .nextWeight, description: "Select the next task weight",
      section: "Blend"),
    KeyBinding(
      keys: [.char("0")], command: .resetWeights, description: "Reset weights to defaults", section: "Blend"),
    KeyBinding(
      keys: [.char("c")], command: .pin, description: "Pin this user+domain to compare / unpin",
      section: "Compare", hint: "pin"),
    KeyBinding(
      keys: [.char("v")], command: .compareStyle, description: "Compare: side by side ↔ difference",
      section: "Compare"),
    KeyBinding(
      keys: [.char("t")], command: .tour, description: "Tour: cycle users and domains on a timer",
      section: "Compare", hint: "tour"),
    KeyBinding(
      keys: [.char("o")], command: .showView(.overview),
      description: "Population overview / back", section: "Views", hint: "overview"),
    KeyBinding(
      keys: [.char("e")], command: .showView(.effect),
      description: "Effect view / back", section: "Views"),
    KeyBinding(
      keys: [.char("a")], command: .nextAverage,
      description: "Effect: next average", section: "Views"),
    KeyBinding(
      keys: [.char("s")], command: .sentences,
      description: "Gate sentences / legend", section: "Views"),
    KeyBinding(
      keys: [.char("?")], command: .help, description: "Show or hide this help", section: "General",
      hint: "help"),
    KeyBinding(
      keys: [.escape], command: .back, description: "Close help, the filter, the pin or the tour",
      section: "General"),
    KeyBinding(
      keys: [.char("q"), .ctrlC], command: .quit, description: "Quit", section: "General", hint: "quit"),
  ]

  /// Help sections in display order.
  public static let sections = ["Move", "Users", "Domains", "Blend", "Compare", "Views", "General"]

  private static let table: [Key: (Int, Command)] = {
    var table: [Key: (Int, Command)] = [:]
    for (index, binding) in bindings.enumerated() {
      for key in binding.keys { table[key] = (index, binding.command(for: key)) }
    }
    return table
  }()

  /// The command bound to a key, if any.
  public static func command(for key: Key) -> Command? { table[key]?.1 }

  /// The binding of a command (payload ignored).
  public static func binding(for command: Command) -> KeyBinding? {
    bindings.first { $0.command.kind == command.kind }
  }
}
