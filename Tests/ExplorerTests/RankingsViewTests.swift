import Foundation
import PepnetExplorer
import Testing

/// `.547` for 0.547, as the explorer prints scores without the leading zero.
func short(_ value: Float) -> String {
  let text = String(format: "%.3f", value)
  return text.hasPrefix("0.") ? String(text.dropFirst()) : text
}

/// The rankings pane's numbers and tabs (issue 13, items 1, 2, 12 and 17).
@Suite struct RankingsViewTests {
  /// A catalog of 3600 items, as in the sample bundle.
  static let large = SyntheticExplorerSource(seed: 7, userCount: 20, itemCount: 3600, latency: 0)

  static func loaded(_ source: ExplorerDataSource, width: Int = 120, height: Int = 40) -> ExplorerState {
    try! ExplorerSnapshot.state(source: source, options: .init(size: GridSize(width: width, height: height)))
  }

  /// Item 1: ranks 1001 and 3600 were shown as `100` and `360` (a 3-digit column).
  @Test func fourDigitRanksAreShownWhole() {
    var state = Self.loaded(Self.large, width: 80, height: 24)
    state = Explorer.update(state, .key(.tab)).0
    for _ in 0..<1000 { state = Explorer.update(state, .command(.down)).0 }
    #expect(state.itemCursor == 1000)
    #expect(Explorer.view(state).text.contains("▶1001 "))
    state = EffectPerformer.settle(state, [.key(.end)], source: Self.large)
    let text = Explorer.view(state).text
    #expect(text.contains("▶3600 "))
    #expect(text.contains(" 3599 "))
  }

  /// Item 2: compare mode showed at most ▲999; the real move is shown, in both compare styles.
  @Test func rankMovesAreNotCapped() throws {
    let source = Self.large
    var state = Self.loaded(source)
    state = EffectPerformer.settle(state, [.key(.char("c")), .key(.char("3"))], source: source)
    let rankings = try #require(state.rankings)
    let pinned = try #require(state.pinned)
    let moved = try #require(
      rankings.orders[0].indices.max { a, b in
        abs(pinned.rankings.ranks[0][rankings.orders[0][a]] - a)
          < abs(pinned.rankings.ranks[0][rankings.orders[0][b]] - b)
      })
    let item = rankings.orders[0][moved]
    let move = pinned.rankings.ranks[0][item] - moved
    try #require(abs(move) >= 1000, "the fixture needs a move of four digits")
    let expected = (move > 0 ? "▲" : "▼") + String(abs(move))
    state = EffectPerformer.settle(state, [.highlightItem(item), .tick(100)], source: source)
    #expect(Explorer.view(state).text.contains(expected + " "), "side by side")
    state = EffectPerformer.settle(state, [.key(.char("v"))], source: source)
    #expect(Explorer.view(state).text.contains(expected + " "), "difference")
  }

  /// Item 12: the task tabs kept the selected tab's full name and shortened the others, so the
  /// tabs (and their click targets) moved with the selection.
  @Test func taskTabsKeepTheirPlaceWhateverTabIsSelected() {
    let tasks = ["long_view_seconds", "like", "comment_count", "forward", "follow"]
    let source = RetitledSource(tasks: tasks) { _, title in title }
    var state = Self.loaded(source, width: 80, height: 24)
    let first = ExplorerLayout(state: state).taskTabs
    for tab in 1..<state.tabCount {
      state.tab = tab
      #expect(ExplorerLayout(state: state).taskTabs == first, "tab \(tab)")
    }
    let row = ExplorerLayout(state: state).rect(.rankings).inset(1)
    #expect(first.last!.maxX <= row.maxX, "the tabs fit")
    #expect(first.map(\.width).reduce(0, +) < tasks.joined().count + 5, "they were shortened")
  }

  /// Item 17: bars spanned 0 to 1, so scores of 0.41 and 0.48 drew almost the same bar. They span
  /// the visible scores, and the list header says which.
  @Test func scoreBarsSpanTheVisibleScores() throws {
    let state = TestSource.loaded()
    let grid = Explorer.view(state)
    let layout = ExplorerLayout(state: state)
    let rankings = try #require(state.rankings)
    let order = rankings.order(tab: 0)
    let rows = layout.rankingList.height
    let low = rankings.score(tab: 0, item: order[rows - 1])
    let high = rankings.score(tab: 0, item: order[0])
    let lines = grid.text.components(separatedBy: "\n")
    let header = lines[layout.rankingList.y - 1]
    #expect(header.contains(short(low)) && header.contains(short(high)), "\(header)")
    func barCells(_ y: Int) -> Int {
      (layout.rankingList.x..<layout.rankingList.maxX).filter { grid[$0, y].scalar == "█" }.count
    }
    let top = barCells(layout.rankingList.y)
    let bottom = barCells(layout.rankingList.y + rows - 1)
    #expect(top >= 9, "the highest visible score fills the bar")
    #expect(bottom <= 1, "the lowest visible score is a sliver")
  }
}
