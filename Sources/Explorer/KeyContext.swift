/// Where a key binding applies: the explorer's modes. A key is looked up in the state's active
/// contexts in order (`ExplorerState.keyContexts`), and the first binding found wins.
///
/// To add a mode: add a case here with its title and whether unbound keys reach the
/// contexts below it, say when it is active in `keyContexts`, and add its bindings to `KeyMap`.
public enum KeyContext: String, CaseIterable, Sendable {
  /// The panes, with nothing open.
  case normal
  /// Typing the user filter (after `/`): characters type, a few keys edit, the rest act as in normal.
  case filter
  /// The help overlay (after `?`): it takes every key.
  case help
  /// A selection is pinned (after `c`): its keys come before normal's.
  case compare
  /// The what-if editor is open (after `w`): ↑↓ pick a feature, ←→ its value; other keys act as in
  /// normal.
  case whatif
  /// The population overview (after `o`): ↑↓ and paging scroll it.
  case overview
  /// The effect view (after `e`): ↑↓ and paging move the user, ←→ the ranking tab.
  case effect

  /// How the context is named in help and in the documentation's key tables.
  public var title: String {
    switch self {
    case .normal: return "Panes"
    case .filter: return "Filtering users (after /)"
    case .help: return "Help overlay (after ?)"
    case .compare: return "Comparing (while a selection is pinned)"
    case .whatif: return "What-if editor (after w)"
    case .overview: return "Overview (after o)"
    case .effect: return "Effect view (after e)"
    }
  }

  /// Whether a key this context does not bind reaches the contexts after it; the help overlay
  /// swallows every other key.
  public var passesUnboundKeys: Bool {
    switch self {
    case .help: return false
    case .normal, .filter, .compare, .whatif, .overview, .effect: return true
    }
  }
}

extension ExplorerState {
  /// The contexts whose bindings apply now, in lookup order.
  public var keyContexts: [KeyContext] {
    if showHelp { return [.help] }
    var contexts: [KeyContext] = []
    if searching { contexts.append(.filter) }
    // The editor is drawn in the main view's profile pane; while typing a filter it yields the
    // arrows to the panes.
    if whatIfOpen && !searching && view == .main { contexts.append(.whatif) }
    if view == .overview { contexts.append(.overview) }
    if view == .effect { contexts.append(.effect) }
    if pinned != nil { contexts.append(.compare) }
    contexts.append(.normal)
    return contexts
  }
}
