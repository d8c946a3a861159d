import PepnetTestSupport
import Testing

@testable import PepnetExplorer

/// Issue 18, item 5: users and items the model has no embedding of (dropped by `id_min_count`,
/// scored through the OOV embedding) are marked in the users list, the rankings and the profile,
/// and the help's legend says what the mark means.
@Suite struct UnknownIdTests {
  /// u1007 is the second user of `WideProfileSource`, unknown to the model.
  static func unknownUserFrame(width: Int = 120, height: Int = 40, glyphs: Glyphs = .unicode) -> (
    ExplorerState, String
  ) {
    var state = WideProfileSource.loaded(user: "u1007", width: width, height: height)
    state.glyphs = glyphs
    return (state, Explorer.view(state).text)
  }

  @Test func theUsersListMarksUnknownUsers() {
    let (state, _) = Self.unknownUserFrame()
    let grid = Explorer.view(state)
    let list = ExplorerLayout(state: state).userList
    let rows = WideProfileTests.lines(grid, list)
    // u1000 is known, u1007 not: the mark follows the id, in the warning colour.
    #expect(rows[0].hasPrefix(" u1000  "), "\(rows[0])")
    #expect(rows[1].hasPrefix("▶u1007° "), "\(rows[1])")
    let mark = rows[1].unicodeScalars.firstIndex(of: "°")!
    let x = list.x + rows[1].unicodeScalars.distance(from: rows[1].unicodeScalars.startIndex, to: mark)
    #expect(grid[x, list.y + 1].style.fg == Palette.warning)
  }

  @Test func theProfileAndTheRankingsSaySo() {
    let (state, frame) = Self.unknownUserFrame()
    #expect(frame.contains("Profile u1007°"))
    #expect(frame.contains("° unknown: OOV embedding"))
    // The rankings' title names the user with the mark.
    #expect(frame.contains("u1007°·double-feed"))
    // Every third item is unknown: its title follows the mark, the others' do not.
    let rankings = state.rankings!
    let list = ExplorerLayout(state: state).rankingList
    let rows = WideProfileTests.lines(Explorer.view(state), list)
    let columns = RankingColumns(width: list.width - 1, digits: state.catalog.rankDigits)
    for (row, item) in rankings.order(tab: 0).prefix(list.height).enumerated() {
      let title = String(rows[row].unicodeScalars.dropFirst(columns.title).prefix(2).map(Character.init))
      #expect((title == "° ") == (item % 3 == 0), "row \(row), item \(item): \(rows[row])")
    }
  }

  @Test func aKnownUserHasNoMark() {
    let frame = Explorer.view(WideProfileSource.loaded(user: "u1000")).text
    #expect(frame.contains("Profile u1000 "))
    #expect(!frame.contains("unknown: OOV"))
    // The synthetic model knows every id: no mark anywhere.
    #expect(!Explorer.view(TestSource.loaded()).text.contains("°"))
  }

  @Test func theHelpLegendExplainsTheMark() {
    let state = WideProfileSource.settle(WideProfileSource.loaded(), [.key(.char("?")), .key(.tab)])
    let lines = Explorer.view(state).text.split(separator: "\n")
    #expect(lines.contains { $0.contains("°") && $0.contains("unknown id: OOV embedding") })
  }

  /// `/ oov` lists exactly the unknown users.
  @Test func theFilterFindsUnknownUsers() {
    let catalog = ExplorerCatalog(source: WideProfileSource.shared)
    let found = catalog.matchingUsers("oov")
    #expect(found == catalog.users.indices.filter { !catalog.users[$0].known })
    #expect(found.count == 75)
  }

  /// Without Unicode the mark is `?`, and the frame stays ASCII.
  @Test func asciiMark() {
    let (_, frame) = Self.unknownUserFrame(width: 80, height: 24, glyphs: .ascii)
    #expect(!frame.unicodeScalars.contains { !$0.isASCII })
    #expect(frame.contains("Profile u1007?"))
    #expect(frame.contains("? unknown: OOV embedding"))
  }

  @Test func unknownFrames() {
    assertSnapshot(Self.unknownUserFrame().1, named: "unknown-120x40")
    assertSnapshot(Self.unknownUserFrame(width: 80, height: 24).1, named: "unknown-80x24")
  }
}
