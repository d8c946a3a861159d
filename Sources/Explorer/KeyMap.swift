/// One key binding: which keys, in which context, do what, and how help, the status bar and the
/// documentation's key tables describe it.
public struct KeyBinding: Sendable {
  public var context: KeyContext
  public var keys: [Key]
  /// Whether the binding also takes every character its context does not bind otherwise (the
  /// filter's typing); the command then carries the character.
  public var typesText: Bool
  public var command: Command
  /// A sentence for the help overlay and the key tables.
  public var description: String
  /// Help overlay section.
  public var section: String
  /// A short label for the status bar, or nil to keep the binding out of it.
  public var hint: String?
  /// The keys as the status bar writes them, when not the first key's label (e.g. `↑↓`).
  public var hintKeys: String?

  public init(
    _ context: KeyContext, keys: [Key], typesText: Bool = false, command: Command, description: String,
    section: String, hint: String? = nil, hintKeys: String? = nil
  ) {
    self.context = context
    self.keys = keys
    self.typesText = typesText
    self.command = command
    self.description = description
    self.section = section
    self.hint = hint
    self.hintKeys = hintKeys
  }

  /// The command for one of this binding's keys (the digits carry their domain index, typing its
  /// character).
  public func command(for key: Key) -> Command {
    switch (command, key) {
    case (.domain, _): if let d = key.digit { return .domain(d - 1) }
    case (.typeFilter, .char(let c)): return .typeFilter(c)
    default: break
    }
    return command
  }

  /// The keys as written in help, e.g. `↑ k`; runs of digits are shortened to `1-9`.
  public var keyLabel: String {
    if case .domain = command { return "1-9" }
    let labels = (typesText ? ["type"] : []) + keys.map(\.label)
    return labels.joined(separator: " ")
  }
}

/// The explorer's bindings, for every context: input, the help overlay, the status bar hints and
/// the key tables in README.md and docs/explorer.md all come from here.
public enum KeyMap {
  public static let bindings: [KeyBinding] = [
    // Normal: the panes.
    KeyBinding(
      .normal, keys: [.up, .char("k")], command: .up, description: "Move up in the focused pane",
      section: "Move"),
    KeyBinding(
      .normal, keys: [.down, .char("j")], command: .down, description: "Move down in the focused pane",
      section: "Move", hint: "move", hintKeys: "↑↓"),
    KeyBinding(
      .normal, keys: [.left, .char("h")], command: .left, description: "Previous task tab, or pane",
      section: "Move"),
    KeyBinding(
      .normal, keys: [.right, .char("l")], command: .right, description: "Next task tab, or pane",
      section: "Move"),
    KeyBinding(.normal, keys: [.pageUp], command: .pageUp, description: "Page up", section: "Move"),
    KeyBinding(.normal, keys: [.pageDown], command: .pageDown, description: "Page down", section: "Move"),
    KeyBinding(.normal, keys: [.home], command: .home, description: "First row", section: "Move"),
    KeyBinding(.normal, keys: [.end], command: .end, description: "Last row", section: "Move"),
    KeyBinding(
      .normal, keys: [.tab], command: .nextPane, description: "Focus the next pane", section: "Move",
      hint: "pane"),
    KeyBinding(
      .normal, keys: [.backTab], command: .previousPane, description: "Focus the previous pane",
      section: "Move"),
    KeyBinding(
      .normal, keys: [.enter], command: .activate, description: "Open: user → rankings → gates",
      section: "Move"),
    KeyBinding(
      .normal, keys: [.char("/")], command: .search, description: "Filter users by id or feature text",
      section: "Users", hint: "search"),
    KeyBinding(
      .normal, keys: [.char("p")], command: .profilePage, description: "Next page of the profile",
      section: "Users"),
    KeyBinding(
      .normal, keys: (1...9).map { .char(Character(String($0))) }, command: .domain(0),
      description: "Switch to domain N", section: "Domains", hint: "domain"),
    KeyBinding(
      .normal, keys: [.char("[")], command: .previousDomain, description: "Previous domain",
      section: "Domains"),
    KeyBinding(
      .normal, keys: [.char("]")], command: .nextDomain, description: "Next domain", section: "Domains"),
    KeyBinding(
      .normal, keys: [.char("+"), .char("=")], command: .weightUp,
      description: "Raise the selected blend weight", section: "Blend", hint: "weight", hintKeys: "+/-"),
    KeyBinding(
      .normal, keys: [.char("-")], command: .weightDown, description: "Lower the selected blend weight",
      section: "Blend"),
    KeyBinding(
      .normal, keys: [.char("<"), .char(",")], command: .previousWeight,
      description: "Select the previous task weight", section: "Blend"),
    KeyBinding(
      .normal, keys: [.char(">"), .char(".")], command: .nextWeight,
      description: "Select the next task weight", section: "Blend"),
    KeyBinding(
      .normal, keys: [.char("0")], command: .resetWeights, description: "Reset weights to defaults",
      section: "Blend"),
    KeyBinding(
      .normal, keys: [.char("c")], command: .pin, description: "Pin to compare / unpin",
      section: "Compare", hint: "pin"),
    KeyBinding(
      .normal, keys: [.char("v")], command: .compareStyle, description: "Side by side ↔ difference",
      section: "Compare"),
    KeyBinding(
      .normal, keys: [.char("i")], command: .keepItem, description: "Same item on switches",
      section: "Compare"),
    KeyBinding(
      .normal, keys: [.char("w")], command: .whatIf, description: "What-if: edit profile (r reverts)",
      section: "Compare"),
    KeyBinding(
      .normal, keys: [.char("t")], command: .tour, description: "Tour users and domains",
      section: "Compare", hint: "tour"),
    KeyBinding(
      .normal, keys: [.char("o")], command: .showView(.overview),
      description: "Population overview / back", section: "Views", hint: "overview"),
    KeyBinding(
      .normal, keys: [.char("e")], command: .showView(.effect),
      description: "Effect view / back", section: "Views"),
    KeyBinding(
      .normal, keys: [.char("a")], command: .nextAverage,
      description: "Effect: next average", section: "Views"),
    KeyBinding(
      .normal, keys: [.char("s")], command: .sentences,
      description: "Gate sentences / legend", section: "Views"),
    KeyBinding(
      .normal, keys: [.char("x")], command: .exportFrame, description: "Save frame as SVG and HTML",
      section: "General"),
    KeyBinding(
      .normal, keys: [.char("?")], command: .help, description: "Show or hide this help", section: "General",
      hint: "help"),
    KeyBinding(
      .normal, keys: [.escape], command: .back, description: "Close help, filter, pin, tour",
      section: "General"),
    KeyBinding(
      .normal, keys: [.char("q"), .ctrlC], command: .quit, description: "Quit", section: "General",
      hint: "quit"),

    // Filter: typing the user filter; keys not bound here act as in normal.
    KeyBinding(
      .filter, keys: [], typesText: true, command: .typeFilter(" "),
      description: "Every character types into the filter", section: "Filter", hint: "filter",
      hintKeys: "type"),
    KeyBinding(
      .filter, keys: [.enter], command: .keepFilter, description: "Keep the filter, stop typing",
      section: "Filter", hint: "keep"),
    KeyBinding(
      .filter, keys: [.escape], command: .back, description: "Clear the filter, stop typing",
      section: "Filter", hint: "clear"),
    KeyBinding(
      .filter, keys: [.backspace], command: .deleteFilterCharacter,
      description: "Delete the last character", section: "Filter"),

    // Help: the overlay takes every key.
    KeyBinding(
      .help, keys: [.escape, .char("?"), .char("q")], command: .help, description: "Close the help",
      section: "Help", hint: "close"),
    KeyBinding(
      .help, keys: [.tab, .backTab], command: .helpPage, description: "Keys page ↔ views and legend page",
      section: "Help", hint: "page"),
    KeyBinding(.help, keys: [.ctrlC], command: .quit, description: "Quit", section: "Help", hint: "quit"),

    // What-if: the editor's keys come before the panes'; keys not bound here act as in normal.
    KeyBinding(
      .whatif, keys: [.up, .char("k")], command: .whatIfFeature(-1), description: "Previous feature",
      section: "What-if"),
    KeyBinding(
      .whatif, keys: [.down, .char("j")], command: .whatIfFeature(1), description: "Next feature",
      section: "What-if", hint: "feature", hintKeys: "↑↓"),
    KeyBinding(
      .whatif, keys: [.left, .char("h")], command: .whatIfValue(-1), description: "Previous value",
      section: "What-if"),
    KeyBinding(
      .whatif, keys: [.right, .char("l")], command: .whatIfValue(1), description: "Next value",
      section: "What-if", hint: "value", hintKeys: "←→"),
    KeyBinding(
      .whatif, keys: [.char("r")], command: .revertEdits, description: "Revert every edit",
      section: "What-if", hint: "revert"),
    KeyBinding(
      .whatif, keys: [.escape, .enter, .char("w")], command: .whatIf,
      description: "Close the editor (the edits stay)", section: "What-if", hint: "close"),

    // Overview: its keys scroll it; keys not bound here act as in normal.
    KeyBinding(
      .overview, keys: [.up, .char("k")], command: .scrollOverview(.up), description: "Scroll up a row",
      section: "Overview"),
    KeyBinding(
      .overview, keys: [.down, .char("j")], command: .scrollOverview(.down),
      description: "Scroll down a row", section: "Overview", hint: "scroll", hintKeys: "↑↓"),
    KeyBinding(
      .overview, keys: [.pageUp], command: .scrollOverview(.pageUp), description: "Scroll up a page",
      section: "Overview"),
    KeyBinding(
      .overview, keys: [.pageDown], command: .scrollOverview(.pageDown), description: "Scroll down a page",
      section: "Overview"),
    KeyBinding(
      .overview, keys: [.home], command: .scrollOverview(.home), description: "Scroll to the top",
      section: "Overview"),
    KeyBinding(
      .overview, keys: [.end], command: .scrollOverview(.end), description: "Scroll to the bottom",
      section: "Overview"),

    // Effect: the view follows the selected user and ranking tab; other keys act as in normal.
    KeyBinding(
      .effect, keys: [.up, .char("k")], command: .moveUser(.up), description: "Previous user",
      section: "Effect"),
    KeyBinding(
      .effect, keys: [.down, .char("j")], command: .moveUser(.down), description: "Next user",
      section: "Effect", hint: "user", hintKeys: "↑↓"),
    KeyBinding(
      .effect, keys: [.pageUp], command: .moveUser(.pageUp), description: "A page of users up",
      section: "Effect"),
    KeyBinding(
      .effect, keys: [.pageDown], command: .moveUser(.pageDown), description: "A page of users down",
      section: "Effect"),
    KeyBinding(
      .effect, keys: [.home], command: .moveUser(.home), description: "First user", section: "Effect"),
    KeyBinding(.effect, keys: [.end], command: .moveUser(.end), description: "Last user", section: "Effect"),
    KeyBinding(
      .effect, keys: [.left, .char("h")], command: .cycleTab(-1), description: "Previous ranking tab",
      section: "Effect"),
    KeyBinding(
      .effect, keys: [.right, .char("l")], command: .cycleTab(1), description: "Next ranking tab",
      section: "Effect", hint: "tab", hintKeys: "←→"),
  ]

  /// What the mouse does in the panes, for help and the key tables.
  public static let mouse: [(gesture: String, action: String)] = [
    ("click", "Select tabs, rows and panes"), ("wheel", "Scroll the pane it is over"),
  ]

  /// Help overlay sections in display order.
  public static let sections = ["Move", "Users", "Domains", "Blend", "Compare", "Views", "General"]

  /// The contexts the help overlay lists: the panes' keys. The filter's keys are in the status bar
  /// while it is open, the overlay's own in its title; all are in the documentation's key tables.
  public static let contextsInHelp: [KeyContext] = [.normal, .compare]

  /// Per context: every key's binding, and the binding that types text, if any.
  private static let tables: [KeyContext: (keys: [Key: Int], text: Int?)] = {
    var tables: [KeyContext: (keys: [Key: Int], text: Int?)] = [:]
    for context in KeyContext.allCases { tables[context] = ([:], nil) }
    for (index, binding) in bindings.enumerated() {
      for key in binding.keys { tables[binding.context]?.keys[key] = index }
      if binding.typesText { tables[binding.context]?.text = index }
    }
    return tables
  }()

  /// The binding a key reaches in the given contexts (looked up in order), if any.
  public static func binding(for key: Key, in contexts: [KeyContext]) -> KeyBinding? {
    for context in contexts {
      guard let table = tables[context] else { continue }
      if let index = table.keys[key] { return bindings[index] }
      if case .char = key, let index = table.text { return bindings[index] }
      if !context.passesUnboundKeys { return nil }
    }
    return nil
  }

  /// The command a key runs in the given contexts, if any.
  public static func command(for key: Key, in contexts: [KeyContext] = [.normal]) -> Command? {
    binding(for: key, in: contexts)?.command(for: key)
  }

  /// The bindings of a context, in table order.
  public static func bindings(in context: KeyContext) -> [KeyBinding] {
    bindings.filter { $0.context == context }
  }

  /// Whether a binding's first key (for typing, a letter) runs it in the given contexts, that is
  /// whether no earlier context takes the key and no modal one hides the binding's context.
  public static func reaches(_ binding: KeyBinding, in contexts: [KeyContext]) -> Bool {
    guard let key = binding.keys.first ?? (binding.typesText ? Key.char("a") : nil),
      let found = self.binding(for: key, in: contexts)
    else { return false }
    return found.context == binding.context && found.command.kind == binding.command.kind
  }
}
