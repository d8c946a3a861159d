import PepnetExplorer
import PepnetTestSupport
import Testing

/// Issue 14 item 7 for compare mode and what-if: `--view compare` and `--view whatif` frames, their
/// defaults (the same user in the next domain; one changed profile feature) and options.
@Suite struct CompareViewSnapshotTests {
  let source = TestSource.shared

  @Test func compareDefaultsToTheSameUserInTheNextDomain() throws {
    let s = try ExplorerSnapshot.compareState(source: source, options: .init(user: "u1007"))
    let pinned = try #require(s.pinned)
    #expect(pinned.user == 1 && pinned.domain == 0 && s.user == 1 && s.domain == 1)
    #expect(s.keepItem && s.highlightedItem == pinned.item, "the gate panes compare one item")
    #expect(s.rankingsAreCurrent && s.gatesAreCurrent)
    let text = Explorer.view(s).text
    #expect(text.contains("PIN u1007·double-feed") && text.contains("What changed"))
    assertSnapshot(text, named: "view-compare-120x40")
  }

  @Test func compareTakesTheOtherSelection() throws {
    let s = try ExplorerSnapshot.compareState(
      source: source, options: .init(user: "u1000", domain: "featured"), versusUser: "u1014",
      versusDomain: "featured")
    #expect(s.pinned?.user == 0 && s.pinned?.domain == 2 && s.user == 2 && s.domain == 2)
    #expect(throws: ExplorerSnapshot.UnknownName.self) {
      try ExplorerSnapshot.compareState(source: source, options: .init(), versusDomain: "feature")
    }
  }

  @Test func whatIfDefaultsToOneChangedProfileFeature() throws {
    let s = try ExplorerSnapshot.whatIfState(source: source, options: .init())
    #expect(s.edits == [ProfileField(name: "age", value: "35-44")], "u1000 is 25-34: the next band")
    #expect(s.rankingsAreCurrent && s.gatesAreCurrent && s.rankings?.edits == s.edits)
    assertSnapshot(Explorer.view(s).text, named: "view-whatif-120x40")
  }

  @Test func whatIfTakesEditsAndRefusesUnknownOnes() throws {
    let s = try ExplorerSnapshot.whatIfState(
      source: source, options: .init(), edits: ["hour=3", "city=tier4"])
    #expect(s.edits == [ProfileField(name: "city", value: "tier4"), ProfileField(name: "hour", value: "3")])
    #expect(s.rankings?.scores == source.scores(user: 0, domain: 0, edits: s.edits))
    func message(_ edits: [String]) -> String {
      do {
        _ = try ExplorerSnapshot.whatIfState(source: source, options: .init(), edits: edits)
        return ""
      } catch { return "\(error)" }
    }
    #expect(message(["agee=50+"]).hasPrefix("unknown profile or context feature 'agee'; closest: age"))
    #expect(message(["age=51+"]).hasPrefix("unknown value of age '51+'; closest: "))
    #expect(message(["age"]) == "--edit must look like name=value (e.g. age=50+), got 'age'")
  }
}
