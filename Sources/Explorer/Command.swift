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
  /// While filtering: append a character to the user filter (bound to every character).
  case typeFilter(Character)
  /// While filtering: delete the filter's last character.
  case deleteFilterCharacter
  /// While filtering: stop typing and keep the filter.
  case keepFilter

  /// A command with its payload erased. `Command.kind` switches over every command, so a new
  /// command does not compile until it has a kind, and `Kind.allCases` lists every command for the
  /// consistency checks (every command is bound, and documented).
  public enum Kind: CaseIterable, Hashable, Sendable {
    case quit, back, help, nextPane, previousPane, up, down, left, right, pageUp, pageDown, home, end
    case activate, search, domain, previousDomain, nextDomain
    case weightUp, weightDown, previousWeight, nextWeight, resetWeights, pin, compareStyle, tour
    case typeFilter, deleteFilterCharacter, keepFilter
  }

  /// The command with its payload erased (`.domain(3)` -> `.domain`).
  public var kind: Kind {
    switch self {
    case .quit: return .quit
    case .back: return .back
    case .help: return .help
    case .nextPane: return .nextPane
    case .previousPane: return .previousPane
    case .up: return .up
    case .down: return .down
    case .left: return .left
    case .right: return .right
    case .pageUp: return .pageUp
    case .pageDown: return .pageDown
    case .home: return .home
    case .end: return .end
    case .activate: return .activate
    case .search: return .search
    case .domain: return .domain
    case .previousDomain: return .previousDomain
    case .nextDomain: return .nextDomain
    case .weightUp: return .weightUp
    case .weightDown: return .weightDown
    case .previousWeight: return .previousWeight
    case .nextWeight: return .nextWeight
    case .resetWeights: return .resetWeights
    case .pin: return .pin
    case .compareStyle: return .compareStyle
    case .tour: return .tour
    case .typeFilter: return .typeFilter
    case .deleteFilterCharacter: return .deleteFilterCharacter
    case .keepFilter: return .keepFilter
    }
  }
}
