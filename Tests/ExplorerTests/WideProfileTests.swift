import PepnetTestSupport
import PepnetText
import Testing

@testable import PepnetExplorer

/// Issue 18, item 10: a profile of 30 features (KuaiRand's) scrolls, says how much of it is on
/// screen, keeps names that differ apart, and the users list labels its columns.
@Suite struct WideProfileTests {
  /// The text of `rect` in a frame, one string per row, trailing spaces kept.
  static func lines(_ grid: CellGrid, _ rect: Rect) -> [String] {
    (rect.y..<rect.maxY).map { y in
      String(String.UnicodeScalarView((rect.x..<rect.maxX).map { grid[$0, y].scalar }))
    }
  }

  /// The feature names the profile pane shows, page after page (`p`) until it is back at the first.
  static func namesOnEveryPage(width: Int, height: Int) -> [String] {
    var state = WideProfileSource.loaded(width: width, height: height)
    var names: [String] = []
    repeat {
      let layout = ExplorerLayout(state: state)
      let list = Explorer.profileList(state, layout)
      let first = Explorer.profileFirstRow(state, rows: list.height)
      let shown = min(list.height, 30 - first)
      let rows = lines(Explorer.view(state), list).prefix(shown)
      names += rows.map { String($0.split(separator: " ", maxSplits: 1).first ?? "") }
      state = WideProfileSource.settle(state, [.key(.char("p"))])
    } while state.profileScroll != 0 && names.count < 100
    return names
  }

  /// KuaiRand's names cut to 12 cells: `onehot_feat10` … `onehot_feat17` all read `onehot_feat1`.
  @Test func namesSharingAPrefixStayDistinct() {
    let names = WideProfileSource.featureNames
    for width in [6, 8, 12, 14] {
      let shown = DistinctNames.shorten(names, to: width)
      #expect(Set(shown).count == names.count, "width \(width): \(shown)")
      #expect(shown.allSatisfy { $0.displayWidth <= width }, "width \(width): \(shown)")
    }
    let twelve = DistinctNames.shorten(names, to: 12)
    #expect(Array(twelve[12..<22]) == (0...9).map { "onehot_feat\($0)" })
    #expect(Array(twelve[22...]) == (10...17).map { "…ehot_feat\($0)" })
    // Each name is cut the first way that sets it apart: the end where that does.
    #expect(twelve[..<4] == ["user_active…", "is_lowactiv…", "is_live_str…", "is_video_au…"])
    // A name that fits is kept, the others are cut the same way.
    #expect(DistinctNames.shorten(["age", "register_days_range"], to: 12) == ["age", "register_da…"])
  }

  /// Names that differ only at the start, or only in the middle, are told apart too.
  @Test func namesDifferingAtTheStartOrInTheMiddle() {
    let starts = ["follow_user_num_range", "fans_user_num_range", "friend_user_num_range"]
    let cutStarts = DistinctNames.shorten(starts, to: 12)
    #expect(Set(cutStarts).count == 3, "\(cutStarts)")
    #expect(cutStarts.allSatisfy { $0.displayWidth == 12 })
    let middles = ["aaaaaaaaaXbbbbbbbbb", "aaaaaaaaaYbbbbbbbbb", "aaaaaaaaaZbbbbbbbbb"]
    let cutMiddles = DistinctNames.shorten(middles, to: 6)
    #expect(Set(cutMiddles).count == 3, "\(cutMiddles)")
    #expect(cutMiddles.allSatisfy { $0.displayWidth <= 6 })
    // Wide characters count two cells.
    let wide = DistinctNames.shorten(["城市等级一", "城市等级二"], to: 7)
    #expect(Set(wide).count == 2 && wide.allSatisfy { $0.displayWidth <= 7 }, "\(wide)")
  }

  /// At each size, paging through the profile shows every one of the 30 features once, under
  /// 30 different names, and comes back to the first page.
  @Test(arguments: [(80, 24), (120, 40), (200, 60)])
  func everyFeatureOnceUnderItsOwnName(width: Int, height: Int) {
    let names = Self.namesOnEveryPage(width: width, height: height)
    #expect(names.count == 30, "\(width)x\(height): \(names)")
    #expect(Set(names).count == 30, "\(width)x\(height): \(names)")
  }

  /// The bottom border says which features are on screen and that `p` turns the page; on the
  /// last page, that it goes back to the first.
  @Test func theBorderSaysHowMuchIsShown() {
    var state = WideProfileSource.loaded()
    let layout = ExplorerLayout(state: state)
    let rows = Explorer.profileList(state, layout).height
    let bottom = { (s: ExplorerState) in
      Self.lines(
        Explorer.view(s),
        Rect(x: layout.profile.x, y: layout.profile.maxY - 1, width: layout.profile.width, height: 1))[0]
    }
    #expect(bottom(state).contains(" 1-\(rows)/30 · p next "), "\(bottom(state))")
    state = WideProfileSource.settle(state, [.key(.char("p"))])
    #expect(state.profileScroll == rows)
    #expect(bottom(state).contains(" \(rows + 1)-\(min(30, 2 * rows))/30 "), "\(bottom(state))")
    while state.profileScroll + rows < 30 { state = WideProfileSource.settle(state, [.key(.char("p"))]) }
    #expect(bottom(state).contains("/30 · p first "), "\(bottom(state))")
    state = WideProfileSource.settle(state, [.key(.char("p"))])
    #expect(state.profileScroll == 0)
  }

  /// A profile that fits has no pages: `p` changes nothing and the border says nothing.
  @Test func aProfileThatFitsDoesNotPage() {
    var state = TestSource.loaded()
    state = TestSource.settle(state, [.key(.char("p"))])
    #expect(state.profileScroll == 0)
    #expect(!Explorer.view(state).text.contains("· p next"))
  }

  /// The wheel over the profile scrolls it by three features, no further than the last page.
  @Test func theWheelScrollsTheProfile() {
    var state = WideProfileSource.loaded()
    let profile = ExplorerLayout(state: state).profile
    let rows = Explorer.profileList(state, ExplorerLayout(state: state)).height
    let over = MouseEvent(.wheelDown, x: profile.x + 3, y: profile.y + 2)
    state = WideProfileSource.settle(state, [.mouse(over)])
    #expect(state.profileScroll == 3)
    state = WideProfileSource.settle(state, Array(repeating: .mouse(over), count: 20))
    #expect(state.profileScroll == 30 - rows)
    state = WideProfileSource.settle(
      state, [.mouse(MouseEvent(.wheelUp, x: profile.x + 3, y: profile.y + 2))])
    #expect(state.profileScroll == 27 - rows)
  }

  /// The users list's heads name each column's field, differently, even where the values take
  /// one cell (KuaiRand's flags read `i`, `i`, `i` before).
  @Test func theUsersListLabelsItsColumns() {
    let catalog = ExplorerCatalog(source: WideProfileSource.shared)
    let heads = catalog.userColumns.map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(heads == ["user_active_…", "is_lo…", "is_li…", "is_vi…", "follo…"], "\(heads)")
    let frame = Explorer.view(WideProfileSource.loaded()).text
    #expect(frame.contains("│ user   user_active_… "), "\(frame)")
  }

  /// Ids shorter than the `user` head (KuaiRand's `2`, `8`) leave the head whole (it read
  /// `useuser_activ…`).
  @Test func shortIdsKeepTheUserHeadApart() {
    let users = (0..<5).map {
      ExplorerUser(
        id: String($0), features: [ProfileField(name: "user_active_degree", value: "full_active")],
        known: $0 != 1)
    }
    let catalog = ExplorerCatalog(
      title: "t", users: users, items: [ExplorerItem(id: "i", title: "x", features: [])], domains: ["d"],
      tasks: ["like"])
    let lines = Explorer.view(ExplorerState(catalog: catalog, size: GridSize(width: 120, height: 40))).text
      .split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("│ user user_activ… ") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("│ 1°   full_active ") }, "\(lines)")
  }

  @Test func wideProfileFrames() {
    assertSnapshot(Explorer.view(WideProfileSource.loaded()).text, named: "wide-profile-120x40")
    let paged = WideProfileSource.settle(WideProfileSource.loaded(width: 80, height: 24), [.key(.char("p"))])
    assertSnapshot(Explorer.view(paged).text, named: "wide-profile-page2-80x24")
  }
}
