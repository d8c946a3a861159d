import PepnetExplorer
import Testing

/// The key map is the single source of bindings, for every context, and of help and hints.
@Suite struct KeyMapTests {
  @Test func everyCommandIsBound() {
    for kind in Command.Kind.allCases {
      #expect(KeyMap.bindings.contains { $0.command.kind == kind }, "\(kind) has no key")
    }
  }

  @Test(arguments: KeyContext.allCases)
  func noKeyIsBoundTwiceInAContext(_ context: KeyContext) {
    var seen: [Key: String] = [:]
    for binding in KeyMap.bindings(in: context) {
      for key in binding.keys {
        #expect(
          seen[key] == nil, "\(key.label) is bound to both \(seen[key] ?? "") and \(binding.description)")
        seen[key] = binding.description
      }
    }
    #expect(KeyMap.bindings(in: context).filter(\.typesText).count <= 1, "one binding types text")
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

  @Test func contextsFollowTheState() {
    let loaded = TestSource.loaded()
    #expect(loaded.keyContexts == [.normal])
    let (searching, _) = Explorer.run(loaded, [.key(.char("/"))])
    #expect(searching.keyContexts == [.filter, .normal])
    let (help, _) = Explorer.run(loaded, [.key(.char("?"))])
    #expect(help.keyContexts == [.help])
    let (pinned, _) = Explorer.run(loaded, [.key(.char("c"))])
    #expect(pinned.keyContexts == [.compare, .normal])
    let (editing, _) = Explorer.run(loaded, [.key(.char("c")), .key(.char("w"))])
    #expect(editing.keyContexts == [.whatif, .compare, .normal])
    let (editingFilter, _) = Explorer.run(editing, [.key(.char("/"))])
    #expect(editingFilter.keyContexts == [.filter, .compare, .normal], "typing a filter, ↑↓ move the users")
    #expect(Explorer.run(editing, [.key(.char("?"))]).0.keyContexts == [.help])
    #expect(Explorer.run(loaded, [.key(.char("o"))]).0.keyContexts == [.overview, .normal])
    #expect(Explorer.run(loaded, [.key(.char("e"))]).0.keyContexts == [.effect, .normal])
    #expect(Explorer.run(editing, [.key(.char("e"))]).0.keyContexts == [.effect, .compare, .normal])
  }

  /// What each key does in each context, as update did it before the contexts existed.
  @Test func keysResolveInTheirContexts() {
    let filter: [(Key, Command?)] = [
      (.char("q"), .typeFilter("q")), (.char("?"), .typeFilter("?")), (.char("1"), .typeFilter("1")),
      (.char(" "), .typeFilter(" ")), (.enter, .keepFilter), (.escape, .back),
      (.backspace, .deleteFilterCharacter),
      (.down, .down), (.tab, .nextPane), (.ctrlC, .quit), (.alt(.char("x")), nil),
    ]
    for (key, command) in filter {
      #expect(KeyMap.command(for: key, in: [.filter, .normal]) == command, "filter: \(key.label)")
    }
    let help: [(Key, Command?)] = [
      (.escape, .help), (.char("?"), .help), (.char("q"), .help), (.ctrlC, .quit), (.char("j"), nil),
      (.tab, .helpPage), (.backTab, .helpPage), (.char("2"), nil),
    ]
    for (key, command) in help {
      #expect(KeyMap.command(for: key, in: [.help]) == command, "help: \(key.label)")
    }
    let whatif: [(Key, Command?)] = [
      (.up, .whatIfFeature(-1)), (.char("k"), .whatIfFeature(-1)), (.down, .whatIfFeature(1)),
      (.char("j"), .whatIfFeature(1)), (.left, .whatIfValue(-1)), (.char("h"), .whatIfValue(-1)),
      (.right, .whatIfValue(1)), (.char("l"), .whatIfValue(1)), (.char("r"), .revertEdits),
      (.escape, .whatIf), (.enter, .whatIf), (.char("w"), .whatIf), (.tab, .nextPane), (.char("?"), .help),
      (.char("c"), .pin), (.pageDown, .pageDown),
    ]
    for (key, command) in whatif {
      #expect(KeyMap.command(for: key, in: [.whatif, .normal]) == command, "whatif: \(key.label)")
    }
    let overview: [(Key, Command?)] = [
      (.up, .scrollOverview(.up)), (.char("j"), .scrollOverview(.down)), (.pageUp, .scrollOverview(.pageUp)),
      (.pageDown, .scrollOverview(.pageDown)), (.home, .scrollOverview(.home)), (.end, .scrollOverview(.end)),
      (.char("o"), .showView(.overview)), (.escape, .back),
    ]
    for (key, command) in overview {
      #expect(KeyMap.command(for: key, in: [.overview, .normal]) == command, "overview: \(key.label)")
    }
    let effect: [(Key, Command?)] = [
      (.up, .moveUser(.up)), (.char("j"), .moveUser(.down)), (.pageDown, .moveUser(.pageDown)),
      (.end, .moveUser(.end)), (.left, .cycleTab(-1)), (.char("l"), .cycleTab(1)), (.char("a"), .nextAverage),
    ]
    for (key, command) in effect {
      #expect(KeyMap.command(for: key, in: [.effect, .normal]) == command, "effect: \(key.label)")
    }
    #expect(KeyMap.command(for: .char("v"), in: [.compare, .normal]) == .compareStyle)
    #expect(KeyMap.command(for: .char("c"), in: [.compare, .normal]) == .pin)
  }

  @Test func helpListsEveryBindingOfItsContexts() {
    let lines = Explorer.helpLines()
    for binding in KeyMap.bindings where KeyMap.contextsInHelp.contains(binding.context) {
      #expect(KeyMap.sections.contains(binding.section), "section \(binding.section) is not in help")
      #expect(lines.contains { $0.keys == binding.keyLabel && $0.text == binding.description })
    }
    let state = TestSource.settle(TestSource.loaded(width: 200, height: 60), [.key(.char("?"))])
    // Both pages of the overlay (Tab turns to the views' keys and the legend).
    let text = Explorer.view(state).text + Explorer.view(TestSource.settle(state, [.key(.tab)])).text
    for binding in KeyMap.bindings where KeyMap.contextsInHelp.contains(binding.context) {
      #expect(text.contains(binding.description), "help overlay misses '\(binding.description)'")
    }
  }

  /// The help overlay's title names the keys that close it, and each of them does.
  @Test func helpTitleNamesTheKeysThatCloseIt() {
    let open = TestSource.settle(TestSource.loaded(), [.key(.char("?"))])
    let title = Explorer.view(open).text.split(separator: "\n").first { $0.contains("Help: keys") } ?? ""
    let closing = KeyMap.bindings(in: .help).filter { $0.command == .help }.flatMap(\.keys)
    #expect(closing.count >= 2)
    for key in closing {
      #expect(title.contains(key.label), "the title \(title) does not name \(key.label)")
      #expect(!Explorer.update(open, .key(key)).0.showHelp, "\(key.label) does not close help")
    }
  }

  /// The hints each context shows, spelled out: a key the filter types is not offered as a command,
  /// and the help overlay offers only its own keys.
  @Test func statusHintsPerContext() {
    func pairs(_ contexts: [KeyContext]) -> [String] {
      Explorer.statusHints(contexts, domainCount: 3).map { "\($0.0) \($0.1)" }
    }
    #expect(
      pairs([.normal]) == [
        "? help", "q quit", "↑↓ move", "Tab pane", "/ search", "1-3 domain", "+/- weight", "c pin", "t tour",
        "o overview",
      ])
    #expect(pairs([.filter, .normal]) == ["type filter", "Enter keep", "Esc clear", "↑↓ move", "Tab pane"])
    #expect(pairs([.help]) == ["Esc close", "C-c quit", "Tab page"])
    #expect(pairs([.compare, .normal]) == pairs([.normal]))
    #expect(
      pairs([.whatif, .normal]) == [
        "? help", "q quit", "↑↓ feature", "←→ value", "r revert", "Esc close", "Tab pane", "/ search",
        "1-3 domain", "+/- weight", "c pin", "t tour", "o overview",
      ])
    #expect(pairs([.overview, .normal]).prefix(3) == ["? help", "q quit", "↑↓ scroll"])
    #expect(pairs([.effect, .normal]).prefix(4) == ["? help", "q quit", "↑↓ user", "←→ tab"])
  }

  @Test(arguments: [
    [Action](), [.key(.char("/"))], [.key(.char("?"))], [.key(.char("w"))], [.key(.char("o"))],
    [.key(.char("e"))],
  ])
  func statusBarShowsTheHintsOfItsContexts(_ actions: [Action]) {
    let (state, _) = Explorer.run(TestSource.loaded(width: 200, height: 40), actions)
    let text = Explorer.view(state).text
    let status = text.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
    let hints = Explorer.statusHints(state.keyContexts, domainCount: state.catalog.domains.count)
    #expect(hints.count >= 2)
    for (key, hint) in hints {
      #expect(status.contains("\(key) \(hint)"), "status bar misses \(key) \(hint)")
    }
  }
}
