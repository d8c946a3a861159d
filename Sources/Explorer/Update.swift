extension Explorer {
  /// Applies an action: returns the new state and the model work it needs.
  ///
  /// Pure: no I/O and no model calls. Results that no longer match the selection are dropped.
  public static func update(_ state: ExplorerState, _ action: Action) -> (ExplorerState, [Effect]) {
    var s = state
    switch action {
    case .key(let key): handleKey(&s, key)
    case .command(let command): apply(&s, command)
    case .mouse(let event): handleMouse(&s, event)
    case .resize(let size): s.size = size
    case .tick(let now):
      s.now = now
      if s.touring && now - s.lastTourStep >= s.tourInterval {
        s.lastTourStep = now
        tourStep(&s)
      }
    case .scoresComputed(let user, let domain, let scores):
      receiveScores(&s, user: user, domain: domain, edits: [], scores: scores)
    case .editedScoresComputed(let user, let domain, let edits, let scores):
      receiveScores(&s, user: user, domain: domain, edits: edits, scores: scores)
    case .gatesComputed(let user, let item, let domain, let readout, let average):
      receiveGates(&s, user: user, item: item, domain: domain, edits: [], readout: readout, average: average)
    case .editedGatesComputed(let user, let item, let domain, let edits, let readout, let average):
      receiveGates(
        &s, user: user, item: item, domain: domain, edits: edits, readout: readout, average: average)
    case .selectUser(let user):
      guard s.catalog.users.indices.contains(user) else { break }
      if !s.visibleUsers.contains(user) {
        s.filter = ""
        s.visibleUsers = s.catalog.matchingUsers("")
      }
      s.userCursor = s.visibleUsers.firstIndex(of: user) ?? 0
      s.user = user
    case .populationComputed, .effectComputed:
      receiveView(&s, action)
    case .highlightItem(let item):
      if let rankings = s.rankings, s.catalog.items.indices.contains(item) {
        s.itemCursor = rankings.rank(tab: s.tab, item: item)
      }
    case .frameExported(let paths): s.statusNote = exportNote(paths)
    case .frameExportFailed(let reason): s.statusNote = "export failed: " + reason
    }
    // A what-if edits the selected user: another user starts from their own profile.
    if s.user != state.user { s.edits = [] }
    if s.rankingsAreCurrent { s.heldItem = s.highlightedItem }
    // The overview and effect views show no rankings or gates: only their own results are asked for.
    var effects = (s.view == .main ? requests(&s) : []) + viewRequests(&s)
    if let request = s.queuedExport {
      s.queuedExport = nil
      effects.append(.exportFrame(request))
    }
    keepCursorsVisible(&s)
    return (s, effects)
  }

  /// A finished ranking for (user, domain) with `edits`.
  static func receiveScores(
    _ s: inout ExplorerState, user: Int, domain: Int, edits: [ProfileField], scores: [[Float]]
  ) {
    if s.pendingScores == scoresEffect(user: user, domain: domain, edits: edits) { s.pendingScores = nil }
    // A finished ranking replaces any that is not current: while a held key moves the selection
    // faster than the model scores, the newest selection is never finished, so the pane shows the
    // last one that is, labelled with its own user and domain, instead of freezing.
    let current = user == s.user && domain == s.domain && edits == s.edits
    if (current || !s.rankingsAreCurrent) && scores.count == s.catalog.tasks.count {
      s.rankings = Rankings(
        user: user, domain: domain, scores: scores, weights: s.weights,
        candidates: s.catalog.candidates(domain: domain))
      s.rankings!.edits = edits
      s.itemCursor = min(s.itemCursor, max(0, s.rankings!.candidateCount - 1))
      if s.keepItem, let held = s.heldItem, s.catalog.items.indices.contains(held) {
        s.itemCursor = s.rankings!.rank(tab: s.tab, item: held)
      }
    }
  }

  /// Finished gates for (user, item, domain) with `edits`.
  static func receiveGates(
    _ s: inout ExplorerState, user: Int, item: Int, domain: Int, edits: [ProfileField], readout: GateReadout,
    average: [Float]
  ) {
    if s.pendingGates == gatesEffect(user: user, item: item, domain: domain, edits: edits) {
      s.pendingGates = nil
    }
    if user == s.user && domain == s.domain && edits == s.edits && s.rankingsAreCurrent
      && item == s.highlightedItem
    {
      let from = s.gates?.displayed(s.now)
      s.gates = GateDisplay(
        user: user, item: item, domain: domain, target: readout, average: average, from: from,
        start: s.now, duration: GateDisplay.defaultDuration)
      s.gates!.edits = edits
      s.fieldCursor = min(s.fieldCursor, max(0, readout.epnet.count - 1))
    }
  }

  /// The scores request of a selection: with edits, the what-if's.
  static func scoresEffect(user: Int, domain: Int, edits: [ProfileField]) -> Effect {
    edits.isEmpty
      ? .computeScores(user: user, domain: domain)
      : .computeEditedScores(user: user, domain: domain, edits: edits)
  }

  /// The gates request of a selection's item: with edits, the what-if's.
  static func gatesEffect(user: Int, item: Int, domain: Int, edits: [ProfileField]) -> Effect {
    edits.isEmpty
      ? .computeGates(user: user, item: item, domain: domain)
      : .computeEditedGates(user: user, item: item, domain: domain, edits: edits)
  }

  /// Applies a list of actions in order, collecting the effects (handy in tests and scripts).
  public static func run(_ state: ExplorerState, _ actions: [Action]) -> (ExplorerState, [Effect]) {
    var s = state
    var all: [Effect] = []
    for action in actions {
      let (next, effects) = update(s, action)
      s = next
      all += effects
    }
    return (s, all)
  }

  /// The initial state with its first requests (scores for the first user and domain).
  public static func start(catalog: ExplorerCatalog, size: GridSize) -> (ExplorerState, [Effect]) {
    var s = ExplorerState(catalog: catalog, size: size)
    let effects = requests(&s)
    return (s, effects)
  }

  /// Asks for whatever the current selection still lacks.
  static func requests(_ s: inout ExplorerState) -> [Effect] {
    guard !s.catalog.users.isEmpty, !s.catalog.domains.isEmpty else { return [] }
    if !s.rankingsAreCurrent {
      s.pendingGates = nil
      let effect = scoresEffect(user: s.user, domain: s.domain, edits: s.edits)
      if s.pendingScores != effect {
        s.pendingScores = effect
        return [effect]
      }
      return []
    }
    s.pendingScores = nil
    let architecture = s.catalog.architecture
    guard architecture.hasEPNet || architecture.hasPPNet else {
      return []
    }
    guard let item = s.highlightedItem else { return [] }
    if let g = s.gates, g.user == s.user, g.item == item, g.domain == s.domain, g.edits == s.edits {
      s.pendingGates = nil
      return []
    }
    let effect = gatesEffect(user: s.user, item: item, domain: s.domain, edits: s.edits)
    if s.pendingGates != effect {
      s.pendingGates = effect
      return [effect]
    }
    return []
  }

  /// A key runs the command the key map binds it to in the state's contexts (typing while the
  /// filter is open, closing the help overlay, the what-if editor's and the views' keys before the
  /// panes').
  static func handleKey(_ s: inout ExplorerState, _ key: Key) {
    s.statusNote = nil
    if let command = KeyMap.command(for: key, in: s.keyContexts) { apply(&s, command) }
  }

  static func setFilter(_ s: inout ExplorerState, _ filter: String) {
    s.filter = filter
    s.visibleUsers = s.catalog.matchingUsers(filter)
    if let index = s.visibleUsers.firstIndex(of: s.user) {
      s.userCursor = index
    } else {
      s.userCursor = 0
      if let first = s.visibleUsers.first { s.user = first }
    }
  }

  static func apply(_ s: inout ExplorerState, _ command: Command) {
    let domainCount = max(1, s.catalog.domains.count)
    if applyInView(&s, command) { return }
    switch command {
    case .quit: s.quit = true
    case .back: back(&s)
    case .help: s.showHelp.toggle()
    case .nextPane: focus(&s, s.focus.next)
    case .previousPane: focus(&s, s.focus.previous)
    case .up: move(&s, -1)
    case .down: move(&s, 1)
    case .pageUp: move(&s, -page(s))
    case .pageDown: move(&s, page(s))
    case .home: move(&s, -Int(Int32.max))
    case .end: move(&s, Int(Int32.max))
    // In Rankings h and l walk the task tabs and, past the first or last tab, leave the pane, so
    // that hjkl alone reaches every pane.
    case .left:
      if s.focus == .rankings && s.tab > 0 { setTab(&s, s.tab - 1) } else { focus(&s, s.focus.previous) }
    case .right:
      if s.focus == .rankings && s.tab < s.tabCount - 1 {
        setTab(&s, s.tab + 1)
      } else {
        focus(&s, s.focus.next)
      }
    case .activate:
      switch s.focus {
      case .users: focus(&s, .rankings)
      case .rankings, .details: focus(&s, .epnet)
      case .epnet: focus(&s, .ppnet)
      case .ppnet: focus(&s, .rankings)
      }
    case .search:
      focus(&s, .users)
      s.searching = true
    case .domain(let index): if index >= 0 && index < s.catalog.domains.count { s.domain = index }
    case .previousDomain: s.domain = (s.domain + domainCount - 1) % domainCount
    case .nextDomain: s.domain = (s.domain + 1) % domainCount
    case .weightUp: changeWeight(&s, 0.1)
    case .weightDown: changeWeight(&s, -0.1)
    case .previousWeight:
      s.weightCursor = (s.weightCursor + s.weights.count - 1) % max(1, s.weights.count)
    case .nextWeight: s.weightCursor = (s.weightCursor + 1) % max(1, s.weights.count)
    case .resetWeights:
      s.weights = s.catalog.defaultWeights
      reblend(&s)
    case .pin: togglePin(&s)
    case .compareStyle: s.compareStyle = s.compareStyle == .sideBySide ? .difference : .sideBySide
    case .keepItem: s.keepItem.toggle()
    case .whatIf: toggleWhatIf(&s)
    case .exportFrame: queueExport(&s)
    case .tour:
      s.touring.toggle()
      s.lastTourStep = s.now
    case .typeFilter(let character): setFilter(&s, s.filter + String(character))
    case .deleteFilterCharacter: if !s.filter.isEmpty { setFilter(&s, String(s.filter.dropLast())) }
    case .keepFilter: s.searching = false
    case .sentences, .showView, .nextAverage: break  // applyInView
    case .helpPage: s.showLegend.toggle()
    case .whatIfFeature(let delta): moveWhatIfCursor(&s, delta)
    case .whatIfValue(let delta): stepWhatIfValue(&s, delta)
    case .revertEdits: s.edits = []
    case .moveUser, .cycleTab, .scrollOverview: break  // applyInView
    case .profilePage: nextProfilePage(&s)
    }
  }

  static func focus(_ s: inout ExplorerState, _ pane: Pane) {
    s.focus = pane
    if [.details, .epnet, .ppnet].contains(pane) { s.lowerPane = pane }
  }

  static func setTab(_ s: inout ExplorerState, _ tab: Int) {
    let item = s.highlightedItem
    s.tab = tab
    if let item, let rankings = s.rankings { s.itemCursor = rankings.rank(tab: tab, item: item) }
  }

  static func changeWeight(_ s: inout ExplorerState, _ delta: Float) {
    guard s.weights.indices.contains(s.weightCursor) else { return }
    let value = (s.weights[s.weightCursor] + delta) * 10
    let range = ExplorerCatalog.weightRange
    s.weights[s.weightCursor] = min(range.upperBound, max(range.lowerBound, value.rounded() / 10))
    reblend(&s)
  }

  static func reblend(_ s: inout ExplorerState) {
    s.rankings?.reblend(s.weights)
    s.pinned?.rankings.reblend(s.weights)
  }

  static func togglePin(_ s: inout ExplorerState) {
    if s.pinned != nil {
      s.pinned = nil
      return
    }
    guard let rankings = s.rankings, s.rankingsAreCurrent else { return }
    let item = s.highlightedItem
    let gates = s.gates.flatMap { $0.item == item && $0.user == s.user && $0.domain == s.domain ? $0 : nil }
    s.pinned = PinnedSelection(
      user: s.user, domain: s.domain, item: item, rankings: rankings, gates: gates?.target,
      average: gates?.average, edits: s.edits)
  }

  /// Rows per page in the focused pane.
  static func page(_ s: ExplorerState) -> Int {
    let layout = ExplorerLayout(state: s)
    switch s.focus {
    case .users: return max(1, layout.userList.height - 1)
    case .epnet: return max(1, layout.fieldList.height - 1)
    case .ppnet: return max(1, layout.ppnetList.height - 1)
    default: return max(1, layout.rankingList.height - 1)
    }
  }

  static func move(_ s: inout ExplorerState, _ delta: Int) {
    func clamp(_ v: Int, _ count: Int) -> Int { min(max(0, v), max(0, count - 1)) }
    switch s.focus {
    case .users:
      guard !s.visibleUsers.isEmpty else { return }
      s.userCursor = clamp(s.userCursor.addingReportingOverflow(delta).partialValue, s.visibleUsers.count)
      s.user = s.visibleUsers[s.userCursor]
    case .rankings, .details:
      s.itemCursor = clamp(
        s.itemCursor.addingReportingOverflow(delta).partialValue,
        s.rankings?.candidateCount ?? s.catalog.items.count)
    case .epnet:
      s.fieldCursor = clamp(
        s.fieldCursor.addingReportingOverflow(delta).partialValue, s.gates?.target.epnet.count ?? 0)
    case .ppnet:
      s.ppnetCursor = clamp(s.ppnetCursor.addingReportingOverflow(delta).partialValue, ppnetRowCount(s))
    }
  }

  /// Rows of the PPNet heatmap (one per task and layer).
  static func ppnetRowCount(_ s: ExplorerState) -> Int {
    s.gates?.target.ppnet.reduce(0) { $0 + $1.count } ?? 0
  }

  static func tourStep(_ s: inout ExplorerState) {
    let domains = max(1, s.catalog.domains.count)
    s.domain = (s.domain + 1) % domains
    if s.domain == 0 && !s.visibleUsers.isEmpty {
      s.userCursor = (s.userCursor + 1) % s.visibleUsers.count
      s.user = s.visibleUsers[s.userCursor]
    }
  }

  static func keepCursorsVisible(_ s: inout ExplorerState) {
    let layout = ExplorerLayout(state: s)
    s.userScroll = scroll(s.userScroll, cursor: s.userCursor, rows: layout.userList.height)
    s.rankScroll = scroll(s.rankScroll, cursor: s.itemCursor, rows: layout.rankingList.height)
    s.ppnetCursor = min(s.ppnetCursor, max(0, ppnetRowCount(s) - 1))
    s.ppnetScroll = scroll(s.ppnetScroll, cursor: s.ppnetCursor, rows: layout.ppnetList.height)
  }

  /// The scroll offset that keeps `cursor` within `rows` visible rows, moving as little as possible.
  static func scroll(_ current: Int, cursor: Int, rows: Int) -> Int {
    guard rows > 0 else { return 0 }
    if cursor < current { return cursor }
    if cursor >= current + rows { return cursor - rows + 1 }
    return max(0, current)
  }

  static func handleMouse(_ s: inout ExplorerState, _ event: MouseEvent) {
    let layout = ExplorerLayout(state: s)
    if layout.tooSmall { return }
    if s.showHelp || s.view != .main {
      if event.kind == .click { s.showHelp = false }
      return
    }
    guard event.kind == .click else {
      // The profile is no pane (it has no cursor), but the wheel scrolls it.
      if layout.profile.contains(event.x, event.y) {
        scrollProfile(&s, by: event.kind == .wheelUp ? -3 : 3)
      } else if let pane = layout.pane(at: event.x, event.y) {
        focus(&s, pane)
        move(&s, event.kind == .wheelUp ? -3 : 3)
      }
      return
    }
    if let domain = layout.domainTabs.firstIndex(where: { $0.contains(event.x, event.y) }) {
      s.domain = domain
    } else if let tab = layout.taskTabs.firstIndex(where: { $0.contains(event.x, event.y) }) {
      focus(&s, .rankings)
      setTab(&s, tab)
    } else if layout.userList.contains(event.x, event.y) {
      focus(&s, .users)
      let index = s.userScroll + event.y - layout.userList.y
      if index < s.visibleUsers.count {
        s.userCursor = index
        s.user = s.visibleUsers[index]
      }
    } else if layout.rankingList.contains(event.x, event.y) {
      focus(&s, .rankings)
      s.itemCursor = min(
        s.rankScroll + event.y - layout.rankingList.y,
        max(0, (s.rankings?.candidateCount ?? s.catalog.items.count) - 1))
    } else if layout.fieldList.contains(event.x, event.y) {
      focus(&s, .epnet)
      let count = s.gates?.target.epnet.count ?? 0
      let first = fieldScroll(cursor: s.fieldCursor, rows: layout.fieldList.height)
      let index = first + event.y - layout.fieldList.y
      if index < count { s.fieldCursor = index }
    } else if layout.ppnetList.contains(event.x, event.y) {
      focus(&s, .ppnet)
      let index = s.ppnetScroll + event.y - layout.ppnetList.y
      if index < ppnetRowCount(s) { s.ppnetCursor = index }
    } else if let pane = layout.pane(at: event.x, event.y) {
      focus(&s, pane)
    }
  }

  /// The first EPNet field row shown, keeping the field cursor visible.
  static func fieldScroll(cursor: Int, rows: Int) -> Int { max(0, cursor - rows + 1) }
}
