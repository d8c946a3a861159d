/// What a key binding does. Keys map to commands through the `KeyMap`; update applies commands.
public enum Command: Hashable, Sendable {
  case quit
  /// Esc: closes the topmost of the help overlay, the user filter, the pin and the tour; never quits.
  case back
  case help
  case nextPane, previousPane
  case up, down, left, right
  case pageUp, pageDown, home, end
  case activate
  case search
  /// Select domain by 0-based index (bound to the digits 1-9).
  case domain(Int)
  case previousDomain, nextDomain
  case weightUp, weightDown, previousWeight, nextWeight, resetWeights
  case pin, compareStyle
  case tour
  /// Show or hide one plain-language sentence per gate pane instead of its legend (for demos).
  case sentences
  /// Switch to a view (issue 14): the population overview, the effect of personalisation, or back.
  case showView(ExplorerViewName)
  /// In the effect view: the next kind of average gates to compare the user's own against.
  case nextAverage

  /// One representative of every command, for consistency checks.
  public static let all: [Command] = [
    .quit, .back, .help, .nextPane, .previousPane, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
    .activate, .search, .domain(0), .previousDomain, .nextDomain, .weightUp, .weightDown,
    .previousWeight, .nextWeight, .resetWeights, .pin, .compareStyle, .tour, .sentences,
    .showView(.overview), .showView(.effect), .nextAverage,
  ]

  /// The command with any payload erased, for grouping (`.domain(3)` -> `.domain(0)`).
  public var kind: Command {
    if case .domain = self { return .domain(0) }
    return self
  }
}
