import PepnetExplorer
import Testing

/// The explorer driven by lists of actions, without a terminal.
@Suite struct UpdateTests {
  let size = GridSize(width: 120, height: 40)

  @Test func startAsksForScoresThenGates() {
    let (state, effects) = Explorer.start(catalog: TestSource.catalog, size: size)
    #expect(effects == [.computeScores(user: 0, domain: 0)])
    #expect(state.isComputing)
    let scores = TestSource.shared.scores(user: 0, domain: 0)
    let (next, more) = Explorer.update(state, .scoresComputed(user: 0, domain: 0, scores: scores))
    #expect(next.rankingsAreCurrent)
    let top = next.rankings!.orders[0][0]
    #expect(more == [.computeGates(user: 0, item: top, domain: 0)])
  }

  @Test func staleResultsAreDropped() {
    var (state, _) = Explorer.start(catalog: TestSource.catalog, size: size)
    (state, _) = Explorer.run(state, [.key(.char("j"))])
    #expect(state.user == 1)
    let old = TestSource.shared.scores(user: 0, domain: 0)
    (state, _) = Explorer.update(state, .scoresComputed(user: 0, domain: 0, scores: old))
    #expect(state.rankings?.user == 0 && !state.rankingsAreCurrent, "shown as the last finished, stale")
    #expect(state.pendingScores == .computeScores(user: 1, domain: 0))
    let readout = TestSource.shared.gates(user: 0, item: 0, domain: 0)
    (state, _) = Explorer.update(
      state, .gatesComputed(user: 0, item: 0, domain: 0, readout: readout, average: []))
    #expect(state.gates == nil)
  }

  @Test func usersAndDomainsSwitchByKeys() {
    var state = TestSource.loaded()
    var effects: [Effect]
    (state, effects) = Explorer.run(state, [.key(.down), .key(.char("j")), .key(.up)])
    #expect(state.user == 1)
    #expect(effects.first == .computeScores(user: 1, domain: 0))
    (state, _) = Explorer.run(state, [.key(.char("3"))])
    #expect(state.domain == 2)
    (state, _) = Explorer.run(state, [.key(.char("]"))])
    #expect(state.domain == 0)
    (state, _) = Explorer.run(state, [.key(.char("["))])
    #expect(state.domain == 2)
    (state, _) = Explorer.run(state, [.key(.char("9"))])
    #expect(state.domain == 2, "a digit beyond the domains is ignored")
    (state, _) = Explorer.run(state, [.key(.end)])
    #expect(state.user == TestSource.catalog.users.count - 1)
    (state, _) = Explorer.run(state, [.key(.home)])
    #expect(state.user == 0)
  }

  @Test func panesCycleWithTabAndShiftTab() {
    var state = TestSource.loaded()
    #expect(state.focus == .users)
    (state, _) = Explorer.run(state, [.key(.tab), .key(.tab)])
    #expect(state.focus == .details)
    (state, _) = Explorer.run(state, [.key(.backTab), .key(.backTab), .key(.backTab)])
    #expect(state.focus == .ppnet)
    (state, _) = Explorer.run(state, [.key(.enter)])
    #expect(state.focus == .rankings)
  }

  @Test func rankingNavigationRequestsGatesForTheHighlightedItem() {
    var state = TestSource.loaded()
    var effects: [Effect]
    (state, effects) = Explorer.run(state, [.key(.tab), .key(.char("j")), .key(.char("j"))])
    let item = state.rankings!.orders[0][2]
    #expect(state.highlightedItem == item)
    #expect(effects.last == .computeGates(user: 0, item: item, domain: 0))
    (state, _) = Explorer.run(state, [.key(.pageDown)])
    #expect(state.itemCursor > 10)
    #expect(state.rankScroll > 0, "the list scrolls to keep the cursor visible")
  }

  @Test func taskTabsKeepTheHighlightedItem() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.tab), .key(.char("j"))])
    let item = state.highlightedItem
    (state, _) = Explorer.run(state, [.key(.char("l"))])
    #expect(state.tab == 1)
    #expect(state.highlightedItem == item)
    (state, _) = Explorer.run(state, [.key(.char("h"))])
    #expect(state.tab == 0)
    #expect(state.focus == .rankings)
  }

  /// Issue 13, item 11: in Rankings h and l only cycled the task tabs, so hjkl alone could not
  /// leave the pane. Past the first tab h goes to Users, past the blend tab l to the next pane.
  @Test func hjklLeaveRankingsAtTheOuterTabs() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.char("l"))])
    #expect(state.focus == .rankings && state.tab == 0)
    (state, _) = Explorer.run(state, [.key(.char("h"))])
    #expect(state.focus == .users, "h on the first tab")
    (state, _) = Explorer.run(state, Array(repeating: .key(.char("l")), count: state.tabCount))
    #expect(state.focus == .rankings && state.tab == state.tabCount - 1)
    (state, _) = Explorer.run(state, [.key(.char("l"))])
    #expect(state.focus == .details, "l on the blend tab")
    (state, _) = Explorer.run(state, [.key(.char("h"))])
    #expect(state.focus == .rankings && state.tab == state.tabCount - 1)
    (state, _) = Explorer.run(state, [.key(.left)])
    #expect(state.tab == state.tabCount - 2, "the arrows do the same")
  }

  @Test func weightsReblendTheRanking() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.tab)] + Array(repeating: .key(.char("-")), count: 10))
    #expect(state.weights[0] == 0)
    for _ in 0..<3 { (state, _) = Explorer.run(state, [.key(.char(">"))]) }
    #expect(state.weightCursor == 3)
    (state, _) = Explorer.run(state, [.key(.char("+")), .key(.char("="))])
    #expect(abs(state.weights[3] - 1.2) < 1e-5)
    let r = state.rankings!
    let best = r.blendOrder[0]
    let expected = zip(state.weights, r.scores).map { $0 * $1[best] }.reduce(0, +)
    #expect(abs(r.blendScores[best] - expected) < 1e-5)
    #expect(r.blendScores.allSatisfy { $0 <= r.blendScores[best] })
    (state, _) = Explorer.run(state, [.key(.char("0"))])
    #expect(state.weights.allSatisfy { $0 == 1 })
  }

  @Test func searchFiltersUsersAndEscapeClears() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.char("/"))] + "u1007".map { .key(.char($0)) })
    #expect(state.searching)
    #expect(state.visibleUsers.map { TestSource.catalog.users[$0].id } == ["u1007"])
    #expect(state.user == 1, "the selection follows the filter")
    (state, _) = Explorer.run(state, [.key(.backspace), .key(.enter)])
    #expect(!state.searching)
    #expect(state.filter == "u100")
    #expect(!state.quit, "q typed in search is text, Enter leaves search")
    (state, _) = Explorer.run(state, [.key(.char("/")), .key(.escape)])
    #expect(state.filter.isEmpty)
    #expect(state.visibleUsers.count == TestSource.catalog.users.count)
    #expect(!state.quit)
  }

  @Test func helpOverlaySwallowsKeysAndCloses() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.char("?")), .key(.char("j")), .key(.char("2"))])
    #expect(state.showHelp)
    #expect(state.user == 0 && state.domain == 0)
    (state, _) = Explorer.run(state, [.key(.escape)])
    #expect(!state.showHelp)
    #expect(!state.quit)
  }

  @Test(arguments: [Key.char("q"), .ctrlC])
  func quitKeys(_ key: Key) {
    let (state, _) = Explorer.run(TestSource.loaded(), [.key(key)])
    #expect(state.quit)
  }

  @Test func mouseClicksDomainTabsAndRows() {
    var state = TestSource.loaded()
    let layout = ExplorerLayout(state: state)
    let tab = layout.domainTabs[2]
    (state, _) = Explorer.run(state, [.mouse(MouseEvent(.click, x: tab.x + 1, y: 0))])
    #expect(state.domain == 2)
    let row = layout.userList
    (state, _) = Explorer.run(state, [.mouse(MouseEvent(.click, x: row.x + 2, y: row.y + 4))])
    #expect(state.user == 4)
    state = TestSource.settle(state, [])
    let list = ExplorerLayout(state: state).rankingList
    (state, _) = Explorer.run(state, [.mouse(MouseEvent(.click, x: list.x + 3, y: list.y + 3))])
    #expect(state.focus == .rankings)
    #expect(state.itemCursor == 3)
    (state, _) = Explorer.run(state, [.mouse(MouseEvent(.wheelDown, x: list.x + 3, y: list.y + 3))])
    #expect(state.itemCursor == 6)
    let taskTab = ExplorerLayout(state: state).taskTabs[1]
    (state, _) = Explorer.run(state, [.mouse(MouseEvent(.click, x: taskTab.x, y: taskTab.y))])
    #expect(state.tab == 1)
  }

  @Test func gateTransitionRunsForAboutTwoHundredMilliseconds() {
    var state = TestSource.settle(TestSource.loaded(), [.tick(10)])
    state = TestSource.settle(state, [.key(.char("j"))])
    let gates = state.gates!
    #expect(gates.isAnimating(10))
    #expect(gates.progress(10) == 0)
    let midway = gates.progress(10.1)
    #expect(midway > 0 && midway < 1)
    #expect(!gates.isAnimating(10.25))
    let first = gates.from!.epnet[0].mean
    let last = gates.target.epnet[0].mean
    let shown = gates.epMean(0, midway)
    #expect(min(first, last) <= shown && shown <= max(first, last))
    state = TestSource.settle(state, [.tick(10.3)])
    #expect(!state.needsTicks)
  }

  @Test func pinComparesAndUnpins() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.char("c"))])
    #expect(state.pinned?.user == 0)
    #expect(state.pinned?.gates != nil)
    state = TestSource.settle(state, [.key(.char("j")), .key(.char("2"))])
    #expect(state.pinned?.user == 0 && state.pinned?.domain == 0)
    #expect(state.user == 1 && state.domain == 1)
    (state, _) = Explorer.run(state, [.key(.char("v"))])
    #expect(state.compareStyle == .difference)
    (state, _) = Explorer.run(state, [.key(.char("c"))])
    #expect(state.pinned == nil)
  }

  @Test func tourCyclesDomainsThenUsers() {
    var state = TestSource.settle(TestSource.loaded(), [.tick(1)])
    (state, _) = Explorer.run(state, [.key(.char("t"))])
    #expect(state.needsTicks)
    (state, _) = Explorer.run(state, [.tick(2)])
    #expect(state.domain == 0, "not yet")
    var domains: [Int] = []
    var t = 1.0
    for _ in 0..<3 {
      t += state.tourInterval
      (state, _) = Explorer.run(state, [.tick(t)])
      domains.append(state.domain)
    }
    #expect(domains == [1, 2, 0])
    #expect(state.user == 1)
    (state, _) = Explorer.run(state, [.key(.char("t"))])
    (state, _) = Explorer.run(state, [.tick(t + 100)])
    #expect(state.domain == 0)
  }

  @Test func resizeUpdatesTheLayout() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.resize(GridSize(width: 80, height: 24))])
    let layout = ExplorerLayout(state: state)
    #expect(layout.compact && !layout.tooSmall)
    #expect(layout.rect(.details).isEmpty && !layout.rect(.epnet).isEmpty)
    (state, _) = Explorer.run(state, [.key(.tab), .key(.tab)])
    #expect(!ExplorerLayout(state: state).rect(.details).isEmpty, "focusing a hidden pane shows it")
    (state, _) = Explorer.run(state, [.resize(GridSize(width: 40, height: 10))])
    #expect(ExplorerLayout(state: state).tooSmall)
  }
}
