import Foundation
import Testing

@testable import PepnetExplorer

/// Issue 14 item 5, what-if: editing a profile feature or a context value of the selected user
/// recomputes the ranking and gates with the edit (through the worker, off the input thread),
/// marks it on screen, and `r` reverts it.
@Suite struct WhatIfTests {
  let source = TestSource.shared

  @Test func anEditRecomputesRankingsAndGatesWithIt() throws {
    var s = TestSource.loaded()
    let own = try #require(s.rankings)
    var effects: [Effect]
    (s, effects) = Explorer.run(s, [.key(.char("w"))])
    #expect(s.whatIfOpen && effects.isEmpty, "opening the editor changes nothing yet")
    #expect(Explorer.view(s).text.contains("What-if u1000"))
    let age = try #require(s.catalog.editableFeatures.first)
    let ownAge = try #require(Explorer.originalValue(s, feature: age))
    (s, effects) = Explorer.run(s, [.key(.char("l"))])
    let next = age.values[(age.values.firstIndex(of: ownAge)! + 1) % age.values.count]
    let edits = [ProfileField(name: age.name, value: next)]
    #expect(s.edits == edits)
    #expect(effects == [.computeEditedScores(user: 0, domain: 0, edits: edits)])
    #expect(!s.rankingsAreCurrent, "the unedited ranking is no longer the selection's")
    s = TestSource.settle(s, effects.map { EffectPerformer.perform($0, source: source) })
    let rankings = try #require(s.rankings)
    #expect(s.rankingsAreCurrent && rankings.edits == edits)
    #expect(rankings.scores == source.scores(user: 0, domain: 0, edits: edits))
    #expect(rankings.scores != own.scores, "the edit changes the scores")
    let gates = try #require(s.gates)
    #expect(s.gatesAreCurrent && gates.edits == edits)
    let item = try #require(s.highlightedItem)
    #expect(
      gates.target.epnet.map(\.mean)
        == source.gates(user: 0, item: item, domain: 0, edits: edits).epnet.map(\.mean))
    // Marked on screen: the header, the rankings' note, the edited value and what it was.
    let text = Explorer.view(s).text
    #expect(text.contains("WHAT-IF \(age.name)=\(next)"))
    #expect(text.contains("what-if"))
    #expect(text.contains("✎\(ownAge)"))

    // r (in the editor) reverts: the user's own ranking again.
    s = TestSource.settle(s, [.key(.char("r"))])
    #expect(s.whatIfOpen)
    #expect(s.edits.isEmpty && s.rankingsAreCurrent && s.rankings?.edits == [])
    #expect(s.rankings?.scores == own.scores)
    #expect(!Explorer.view(s).text.contains("WHAT-IF"))
  }

  @Test func contextValuesAreEditableAndSteppingBackDropsTheEdit() throws {
    var s = TestSource.settle(TestSource.loaded(), [.key(.char("w"))])
    let hour = try #require(s.catalog.editableFeatures.firstIndex { $0.name == "hour" })
    s = TestSource.settle(s, Array(repeating: .key(.char("j")), count: hour) + [.key(.char("h"))])
    #expect(s.edits == [ProfileField(name: "hour", value: "19")], "the default 20, one back")
    #expect(s.rankingsAreCurrent && s.rankings?.edits == s.edits)
    #expect(Explorer.view(s).text.contains("✎20"))
    s = TestSource.settle(s, [.key(.char("l"))])
    #expect(s.edits.isEmpty, "back at the original value there is no edit")
    // Esc closes the editor; keys go back to the panes.
    s = TestSource.settle(s, [.key(.escape), .key(.char("j"))])
    #expect(!s.whatIfOpen && s.user == 1)
  }

  @Test func anotherUserStartsFromTheirOwnProfile() {
    var s = TestSource.settle(TestSource.loaded(), [.key(.char("w")), .key(.char("l")), .key(.escape)])
    #expect(!s.edits.isEmpty)
    s = TestSource.settle(s, [.key(.char("j"))])
    #expect(s.user == 1 && s.edits.isEmpty && s.rankings?.edits == [])
  }

  @Test func theWorkerComputesWhatIfsOffTheInputThread() {
    let worker = ExplorerWorker(source: TestSource.shared)
    let edits = [ProfileField(name: "city", value: "tier4")]
    worker.submit([.computeEditedScores(user: 2, domain: 1, edits: edits)])
    worker.submit([.computeEditedGates(user: 2, item: 5, domain: 1, edits: edits)])
    var results: [Action] = []
    let deadline = Date().addingTimeInterval(5)
    while results.count < 2 && Date() < deadline {
      results += worker.takeResults()
      Thread.sleep(forTimeInterval: 0.002)
    }
    guard case .editedScoresComputed(2, 1, let e1, let scores)? = results.first,
      case .editedGatesComputed(2, 5, 1, let e2, let readout, _)? = results.last
    else {
      Issue.record("what-if scores then gates expected: \(results)")
      return
    }
    #expect(e1 == edits && e2 == edits)
    #expect(scores == TestSource.shared.scores(user: 2, domain: 1, edits: edits))
    #expect(
      readout.epnet.map(\.mean)
        == TestSource.shared.gates(user: 2, item: 5, domain: 1, edits: edits).epnet.map(\.mean))
    worker.shutdown()
  }
}

/// Pinning a what-if and reverting it compares the edited ranking with the user's own.
@Suite struct WhatIfPinTests {
  @Test func aPinnedWhatIfKeepsItsEditsAndSaysSo() throws {
    var s = TestSource.settle(TestSource.loaded(), [.key(.char("w")), .key(.char("l")), .key(.escape)])
    let edits = s.edits
    s = TestSource.settle(s, [.key(.char("c")), .key(.char("w")), .key(.char("r")), .key(.escape)])
    let pinned = try #require(s.pinned)
    #expect(pinned.edits == edits && !edits.isEmpty && s.edits.isEmpty)
    #expect(pinned.rankings.scores == TestSource.shared.scores(user: 0, domain: 0, edits: edits))
    #expect(Explorer.view(s).text.contains("PIN u1000·double-feed what-if"))
  }
}
