import PepnetExplorer
import Testing

/// The key map is the single source of bindings, help and hints.
@Suite struct KeyMapTests {
  @Test func everyCommandIsBound() {
    for command in Command.all {
      #expect(KeyMap.binding(for: command) != nil, "\(command) has no key")
    }
  }

  @Test func noKeyIsBoundTwice() {
    var seen: [Key: String] = [:]
    for binding in KeyMap.bindings {
      for key in binding.keys {
        #expect(
          seen[key] == nil, "\(key.label) is bound to both \(seen[key] ?? "") and \(binding.description)")
        seen[key] = binding.description
      }
    }
  }

  @Test func requiredKeysAreBound() {
    let expected: [(Key, Command)] = [
      (.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down), (.left, .left), (.char("h"), .left),
      (.right, .right), (.char("l"), .right), (.tab, .nextPane), (.backTab, .previousPane),
      (.enter, .activate),
      (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .home), (.end, .end), (.char("/"), .search),
      (.char("?"), .help), (.char("q"), .quit), (.escape, .back), (.ctrlC, .quit), (.char("1"), .domain(0)),
      (.char("9"), .domain(8)), (.char("["), .previousDomain), (.char("]"), .nextDomain),
    ]
    for (key, command) in expected {
      #expect(KeyMap.command(for: key) == command, "\(key.label)")
    }
  }

  @Test func helpListsEveryBinding() {
    let lines = Explorer.helpLines()
    for binding in KeyMap.bindings {
      #expect(lines.contains { $0.keys == binding.keyLabel && $0.text == binding.description })
    }
    let state = TestSource.settle(TestSource.loaded(width: 200, height: 60), [.key(.char("?"))])
    // Both pages of the overlay (Tab turns to the views' keys and the legend).
    let text = Explorer.view(state).text + Explorer.view(TestSource.settle(state, [.key(.tab)])).text
    for binding in KeyMap.bindings {
      #expect(text.contains(binding.description), "help overlay misses '\(binding.description)'")
    }
  }

  /// (The hints are the bindings that have one, by construction: counting them against that
  /// filter could not fail, so the test checks what the status bar shows.)
  @Test func statusBarHintsComeFromTheKeyMap() {
    let hints = Explorer.statusHints(domainCount: 3)
    #expect(!hints.isEmpty)
    let text = Explorer.view(TestSource.loaded()).text
    let status = text.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
    for (key, hint) in hints {
      #expect(status.contains("\(key) \(hint)"), "status bar misses \(key) \(hint)")
    }
  }
}
