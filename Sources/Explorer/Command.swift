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
  /// Keep the highlighted item (not its rank) across user and domain switches.
  case keepItem
  /// Open or close the what-if editor of the selected user's profile and the context.
  case whatIf
  /// Write the frame on screen as SVG and HTML files, for slides.
  case exportFrame
  case tour

  /// One representative of every command, for consistency checks.
  public static let all: [Command] = [
    .quit, .back, .help, .nextPane, .previousPane, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
    .activate, .search, .domain(0), .previousDomain, .nextDomain, .weightUp, .weightDown,
    .previousWeight, .nextWeight, .resetWeights, .pin, .compareStyle, .keepItem, .whatIf, .exportFrame, .tour,
  ]

  /// The command with any payload erased, for grouping (`.domain(3)` -> `.domain(0)`).
  public var kind: Command {
    if case .domain = self { return .domain(0) }
    return self
  }
}
