extension Explorer {
  /// The top-k the effect view compares (as `pepnet rank --gates … --top 20`).
  public static let effectTopK = 20

  /// The effect view's request for the current selection: the ranking tab's weights (one-hot for
  /// a task, the blend weights for the blend) and the chosen average gates.
  static func effectRequest(_ s: ExplorerState) -> ExplorerEffectRequest? {
    guard s.catalog.users.indices.contains(s.user), s.catalog.domains.indices.contains(s.domain) else {
      return nil
    }
    var weights = s.weights
    if s.tab < s.catalog.tasks.count {
      weights = [Float](repeating: 0, count: s.catalog.tasks.count)
      weights[s.tab] = 1
    }
    return ExplorerEffectRequest(
      user: s.user, domain: s.domain, average: s.average, weights: weights, k: effectTopK)
  }

  /// Whether the effect on screen answers the current selection.
  static func effectIsCurrent(_ s: ExplorerState) -> Bool {
    guard let shown = s.effectRequest, let wanted = effectRequest(s) else { return false }
    return shown == wanted
  }

  /// What the overview or the effect view still lacks (nothing in the main view).
  static func viewRequests(_ s: inout ExplorerState) -> [Effect] {
    switch s.view {
    case .overview:
      guard !s.populationLoaded, !s.pendingPopulation else { return [] }
      s.pendingPopulation = true
      return [.computePopulation]
    case .effect:
      guard let wanted = effectRequest(s), s.effectRequest != wanted else {
        s.pendingEffect = nil
        return []
      }
      guard s.pendingEffect != wanted else { return [] }
      s.pendingEffect = wanted
      return [.computeEffect(wanted)]
    default:
      s.pendingEffect = nil
      return []
    }
  }

  /// Applies a result for the overview or the effect view; a stale effect is dropped.
  static func receiveView(_ s: inout ExplorerState, _ action: Action) {
    switch action {
    case .populationComputed(let population):
      s.population = population
      s.populationLoaded = true
      s.pendingPopulation = false
    case .effectComputed(let request, let effect):
      if s.pendingEffect == request { s.pendingEffect = nil }
      if request == effectRequest(s) {
        s.effect = effect
        s.effectRequest = request
      }
    default: break
    }
  }

  /// The view commands, and the keys the overview and effect views take over (their key-map
  /// contexts): the effect view moves the user and the ranking tab, the overview scrolls. Returns
  /// whether it handled the command.
  static func applyInView(_ s: inout ExplorerState, _ command: Command) -> Bool {
    switch command {
    case .showView(let view):
      s.view = s.view == view ? .main : view
    case .sentences:
      s.showSentences.toggle()
    case .nextAverage:
      s.average = s.average.next
    case .moveUser(let movement):
      let previousFocus = s.focus
      s.focus = .users
      move(&s, movement.rows(page: page(s)))
      s.focus = previousFocus
    case .cycleTab(let delta):
      setTab(&s, ((s.tab + delta) % s.tabCount + s.tabCount) % s.tabCount)
    case .scrollOverview(let movement):
      let rows = overviewWindowRows(s)
      let step = movement.rows(page: max(1, rows - 1))
      s.overviewScroll = min(
        max(0, s.overviewScroll.addingReportingOverflow(step).partialValue),
        max(0, overviewContentRows(s) - rows))
    default: return false
    }
    return true
  }

  /// In the overview and effect views, whether what they show is there; nil in the main view.
  public static func viewIsComplete(_ s: ExplorerState) -> Bool? {
    switch s.view {
    case .overview: return s.populationLoaded
    case .effect: return effectIsCurrent(s)
    default: return nil
    }
  }
}
