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
  /// While filtering: append a character to the user filter (bound to every character).
  case typeFilter(Character)
  /// While filtering: delete the filter's last character.
  case deleteFilterCharacter
  /// While filtering: stop typing and keep the filter.
  case keepFilter

  /// Show or hide one plain-language sentence per gate pane instead of its legend (for demos).
  case sentences
  /// Switch to a view (issue 14): the population overview, the effect of personalisation, or back.
  case showView(ExplorerViewName)
  /// In the effect view: the next kind of average gates to compare the user's own against.
  case nextAverage
  /// In the help overlay: turn between the keys page and the views-and-legend page.
  case helpPage

  /// In the what-if editor: the feature `delta` rows on (-1 up, 1 down).
  case whatIfFeature(Int)
  /// In the what-if editor: the feature under the cursor `delta` values on, wrapping round.
  case whatIfValue(Int)
  /// In the what-if editor: drop every edit (the user's own profile again).
  case revertEdits
  /// In the effect view: move the user selection (the view follows it).
  case moveUser(Movement)
  /// In the effect view: the previous (-1) or next (1) ranking tab, wrapping round.
  case cycleTab(Int)
  /// In the overview: scroll its rows.
  case scrollOverview(Movement)
  /// The profile pane's next page of features, back to the first after the last (a profile can
  /// have more features than the pane has rows: KuaiRand's users have 30).
  case profilePage

  /// A step of a cursor or a scroll: a row, a page, or to an end.
  public enum Movement: Hashable, Sendable {
    case up, down, pageUp, pageDown, home, end

    /// The step in rows, for a page of `page` rows (the ends as far as an `Int32` reaches, so that
    /// adding it to a row never overflows).
    public func rows(page: Int) -> Int {
      switch self {
      case .up: return -1
      case .down: return 1
      case .pageUp: return -page
      case .pageDown: return page
      case .home: return -Int(Int32.max)
      case .end: return Int(Int32.max)
      }
    }
  }

  /// A command with its payload erased. `Command.kind` switches over every command, so a new
  /// command does not compile until it has a kind, and `Kind.allCases` lists every command for the
  /// consistency checks (every command is bound, and documented).
  public enum Kind: CaseIterable, Hashable, Sendable {
    case quit, back, help, nextPane, previousPane, up, down, left, right, pageUp, pageDown, home, end
    case activate, search, domain, previousDomain, nextDomain
    case weightUp, weightDown, previousWeight, nextWeight, resetWeights, pin, compareStyle
    case keepItem, whatIf, exportFrame, tour
    case typeFilter, deleteFilterCharacter, keepFilter
    case sentences, showView, nextAverage, helpPage
    case whatIfFeature, whatIfValue, revertEdits, moveUser, cycleTab, scrollOverview, profilePage
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
    case .keepItem: return .keepItem
    case .whatIf: return .whatIf
    case .exportFrame: return .exportFrame
    case .tour: return .tour
    case .typeFilter: return .typeFilter
    case .deleteFilterCharacter: return .deleteFilterCharacter
    case .keepFilter: return .keepFilter
    case .sentences: return .sentences
    case .showView: return .showView
    case .nextAverage: return .nextAverage
    case .helpPage: return .helpPage
    case .whatIfFeature: return .whatIfFeature
    case .whatIfValue: return .whatIfValue
    case .revertEdits: return .revertEdits
    case .moveUser: return .moveUser
    case .cycleTab: return .cycleTab
    case .scrollOverview: return .scrollOverview
    case .profilePage: return .profilePage
    }
  }
}
