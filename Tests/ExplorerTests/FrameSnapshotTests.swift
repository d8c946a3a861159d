import PepnetExplorer
import PepnetTestSupport
import Testing

/// Frames rendered from states, compared with stored text snapshots.
@Suite struct FrameSnapshotTests {
  @Test func defaultFrameAt120x40() {
    assertSnapshot(Explorer.view(TestSource.loaded()).text, named: "default-120x40")
  }

  @Test func compactFrameAt80x24() {
    assertSnapshot(Explorer.view(TestSource.loaded(width: 80, height: 24)).text, named: "compact-80x24")
  }

  @Test func asciiFallbackAt80x24() {
    var state = TestSource.loaded(width: 80, height: 24)
    state.glyphs = .ascii
    let text = Explorer.view(state).text
    let nonASCII = text.unicodeScalars.filter { !$0.isASCII }
    #expect(nonASCII.isEmpty, "non-ASCII: \(String(String.UnicodeScalarView(nonASCII)))")
    assertSnapshot(text, named: "ascii-80x24")
  }

  @Test func snapshotOptionsSelectUserDomainAndItem() throws {
    let options = ExplorerSnapshot.Options(user: "u1007", domain: "featured", item: "v50013")
    let text = try ExplorerSnapshot.render(source: TestSource.shared, options: options)
    #expect(text.contains("[3 featured]"))
    #expect(text.contains("Profile u1007"))
    #expect(text.contains("v50013"))
    assertSnapshot(text, named: "user-domain-item-120x40")
  }

  @Test func unknownSnapshotNamesAreReported() {
    #expect(throws: ExplorerSnapshot.UnknownName.self) {
      try ExplorerSnapshot.render(source: TestSource.shared, options: .init(domain: "nope"))
    }
  }

  /// The error carries every domain as its candidates and, like `pepnet rank`, names the closest.
  @Test func anUnknownNameNamesTheClosestCandidates() throws {
    do {
      _ = try ExplorerSnapshot.render(source: TestSource.shared, options: .init(domain: "featurd"))
      Issue.record("no error for an unknown domain")
    } catch let error as ExplorerSnapshot.UnknownName {
      #expect(error.candidates == TestSource.shared.domains)
      #expect(error.description.contains("; closest: featured"))
    }
  }

  @Test func helpOverlay() {
    let state = TestSource.settle(TestSource.loaded(), [.key(.char("?"))])
    assertSnapshot(Explorer.view(state).text, named: "help-120x40")
  }

  @Test func tooSmallScreen() {
    let state = TestSource.settle(TestSource.loaded(), [.resize(GridSize(width: 60, height: 20))])
    let text = Explorer.view(state).text
    #expect(text.contains("need 80x24, have 60x20"))
    assertSnapshot(text, named: "too-small-60x20")
  }

  @Test func compareSideBySideAndDifference() {
    var state = TestSource.settle(
      TestSource.loaded(), [.key(.char("c")), .key(.char("j")), .key(.char("2"))])
    state = TestSource.settle(state, [.tick(100)])
    assertSnapshot(Explorer.view(state).text, named: "compare-side-120x40")
    state = TestSource.settle(state, [.key(.char("v"))])
    assertSnapshot(Explorer.view(state).text, named: "compare-diff-120x40")
  }

  @Test func filteredUsersWhileSearching() {
    let keys: [Action] = [.key(.char("/"))] + "tier2 web".map { .key(.char($0)) }
    let state = TestSource.settle(TestSource.loaded(), keys + [.tick(100)])
    assertSnapshot(Explorer.view(state).text, named: "search-120x40")
  }

  /// A model without gates: the gate panes say what the model is and why (issue 13, item 16).
  @Test func modelWithoutGates() throws {
    let dnn = ExplorerArchitecture(
      name: "dnn", hasEPNet: false, hasPPNet: false,
      summary: "a DNN baseline: one shared network and a head per task, without gates.")
    let source = RetitledSource(architecture: dnn)
    assertSnapshot(try ExplorerSnapshot.render(source: source, options: .init()), named: "dnn-120x40")
  }
}
