/// Everything the explorer shows, as a value: selection, cursors, modes, and the model results for
/// the current selection. Changed only by `Explorer.update`.
public struct ExplorerState: Sendable {
  public var catalog: ExplorerCatalog
  public var size: GridSize
  public var glyphs: Glyphs = .unicode
  public var now: Double = 0
  public var quit = false
  public var showHelp = false
  /// The help overlay's second page: the views' keys and the legend (Tab switches).
  public var showLegend = false
  public var focus: Pane = .users
  /// The pane shown in the lower right of the compact (80x24) layout.
  public var lowerPane: Pane = .epnet

  // Users.
  public var filter = ""
  public var searching = false
  /// Indices into `catalog.users` that pass the filter.
  public var visibleUsers: [Int]
  /// Cursor into `visibleUsers`.
  public var userCursor = 0
  public var userScroll = 0
  /// The selected user (catalog index); follows the cursor.
  public var user = 0
  /// The first profile feature the profile pane shows (`p` pages, the wheel scrolls); kept across
  /// users, who share their features' names, and clamped to the last page when drawn.
  public var profileScroll = 0
  public var domain = 0

  // Rankings.
  /// Ranking tab: `0..<tasks.count` is a task, `tasks.count` is the blend.
  public var tab = 0
  public var weights: [Float]
  public var weightCursor = 0
  /// Cursor (rank position) in the current tab's ranking.
  public var itemCursor = 0
  public var rankScroll = 0

  // Gates.
  public var fieldCursor = 0
  /// Cursor (task-layer row) in the PPNet pane, and its scroll offset.
  public var ppnetCursor = 0
  public var ppnetScroll = 0

  // Model results.
  public var rankings: Rankings?
  public var gates: GateDisplay?
  public var pendingScores: Effect?
  public var pendingGates: Effect?

  // Compare and tour.
  public var pinned: PinnedSelection?
  public var compareStyle: CompareStyle = .sideBySide
  /// Whether a switch of user or domain keeps the highlighted item (`heldItem`) instead of the rank.
  public var keepItem = false
  /// The item highlighted when the rankings were last current: where the cursor lands with `keepItem`.
  public var heldItem: Int?

  // What-if.
  /// The selected user's profile and context edits (name = value): rankings and gates are computed with them.
  public var edits: [ProfileField] = []
  /// Whether the what-if editor is open (in the profile pane), and its cursor into `catalog.editableFeatures`.
  public var whatIfOpen = false
  public var whatIfCursor = 0

  // Frame export.
  /// A one-line outcome for the status bar (the files written, or why not), until the next key.
  public var statusNote: String?
  /// Where `x` writes frames (the working directory by default).
  public var exportDirectory = "."
  /// The export `x` asked for, handed to the runtime as an effect by `update`.
  public var queuedExport: FrameExportRequest?
  public var touring = false
  public var tourInterval: Double = 2.5
  public var lastTourStep: Double = 0

  // Views (issue 14).
  /// The view on screen.
  public var view: ExplorerViewName = .main
  /// Gate panes show a plain-language sentence instead of their legend.
  public var showSentences = false
  /// The overview's statistics once computed (`population` stays nil for a model without gates).
  public var populationLoaded = false
  public var population: ExplorerPopulation?
  public var pendingPopulation = false
  /// The first overview row on screen when it is taller than the screen (↑↓ PgUp PgDn scroll it).
  public var overviewScroll = 0
  /// The effect view: which average gates, the last result and its request, and the one pending.
  public var average: ExplorerAverageGates = .epnet
  public var effect: ExplorerEffect?
  public var effectRequest: ExplorerEffectRequest?
  public var pendingEffect: ExplorerEffectRequest?

  public init(catalog: ExplorerCatalog, size: GridSize) {
    self.catalog = catalog
    self.size = size
    visibleUsers = Array(catalog.users.indices)
    weights = catalog.defaultWeights
  }

  /// Whether results for the current selection are being computed.
  public var isComputing: Bool {
    pendingScores != nil || pendingGates != nil || pendingPopulation || pendingEffect != nil
  }

  /// Whether the current rankings belong to the current (user, domain).
  public var rankingsAreCurrent: Bool {
    rankings.map { $0.user == user && $0.domain == domain && $0.edits == edits } ?? false
  }

  /// Whether the gates on screen belong to the current (user, domain) and the highlighted item.
  public var gatesAreCurrent: Bool {
    guard let gates, rankingsAreCurrent else { return false }
    return gates.user == user && gates.domain == domain && gates.item == highlightedItem
      && gates.edits == edits
  }

  /// The number of ranking tabs (tasks plus the blend).
  public var tabCount: Int { catalog.tasks.count + 1 }

  /// The item under the ranking cursor.
  public var highlightedItem: Int? {
    guard let rankings else { return nil }
    let order = rankings.order(tab: tab)
    return order.isEmpty ? nil : order[min(max(0, itemCursor), order.count - 1)]
  }

  /// Whether the clock should keep ticking (a transition is running or the tour is on).
  public var needsTicks: Bool { touring || (gates?.isAnimating(now) ?? false) }
}
