import PepnetExplorer
import Testing

/// The EPNet and PPNet panes (issue 13, items 3, 4 and 16).
@Suite struct GatePaneTests {
  /// Item 3: side by side, the pin's heatmaps were one cell narrower than the current ones, so the
  /// same gates fell into 5 buckets on one side and 6 on the other. Pinning without moving shows the
  /// same gates on both sides: the halves must be identical.
  @Test func sideBySideHeatmapsOfTheSameGatesAreIdentical() {
    for size in [(120, 40), (121, 40), (200, 60)] {
      let state = TestSource.settle(
        TestSource.loaded(width: size.0, height: size.1), [.key(.char("c")), .tick(100)])
      let layout = ExplorerLayout(state: state)
      let grid = Explorer.view(state)
      let list = layout.ppnetList
      var compared = 0
      for y in list.y..<list.maxY {
        let row = (list.x..<list.maxX).map { grid[$0, y].scalar }
        guard let l = row.firstIndex(of: "L"), let bar = row[l...].firstIndex(of: "│") else { continue }
        let left = row[(l + 3)..<bar]
        let right = row[(bar + 1)..<(bar + 1 + left.count)]
        #expect(Array(left) == Array(right), "\(size) row \(y)")
        #expect(row[bar + 1 + left.count] == " ", "\(size) row \(y): the right side is no wider")
        compared += 1
      }
      #expect(compared > 3)
    }
  }

  /// Item 4: after a user change the gate panes kept the previous selection's gates unmarked while
  /// Rankings was greyed as stale. They are greyed and titled `stale` until the new gates arrive.
  @Test func gatePanesAreMarkedStaleUntilTheirGatesArrive() throws {
    let source = TestSource.shared
    var (state, effects) = Explorer.update(TestSource.loaded(), .key(.char("j")))
    #expect(!state.gatesAreCurrent)
    // The scores arrive first; the gates are still the old user's.
    (state, effects) = Explorer.update(state, EffectPerformer.perform(effects[0], source: source))
    #expect(state.rankingsAreCurrent && !state.gatesAreCurrent)
    let layout = ExplorerLayout(state: state)
    var grid = Explorer.view(state)
    let epnetTitle = grid.text.components(separatedBy: "\n")[layout.rect(.epnet).y]
    #expect(epnetTitle.contains("stale"))
    let field = layout.fieldList
    #expect(grid[field.x, field.y].style.fg == Palette.border, "greyed like stale rankings")
    (state, _) = Explorer.update(state, EffectPerformer.perform(effects[0], source: source))
    #expect(state.gatesAreCurrent)
    grid = Explorer.view(state)
    #expect(!grid.text.contains("stale"))
    #expect(grid[field.x, field.y].style.fg != Palette.border)
  }

  /// Item 16: models without EPNet or PPNet gates left the panes blank. The pane names the model
  /// and says why it has no such gates; rankings still work, and no gates are asked for when the
  /// model has none.
  @Test func panesOfModelsWithoutGatesSayWhy() throws {
    let cases: [(name: String, epnet: Bool, ppnet: Bool)] = [
      ("dnn", false, false), ("epnet-only", true, false), ("ppnet-only", false, true), ("pepnet", true, true),
    ]
    for (name, epnet, ppnet) in cases {
      let architecture = ExplorerArchitecture(
        name: name, hasEPNet: epnet, hasPPNet: ppnet, summary: "a model.")
      let source = RetitledSource(architecture: architecture)
      let (start, first) = Explorer.start(
        catalog: ExplorerCatalog(source: source), size: GridSize(width: 120, height: 40))
      let (loaded, next) = Explorer.update(start, EffectPerformer.perform(first[0], source: source))
      #expect(loaded.rankingsAreCurrent)
      #expect(next.isEmpty == (!epnet && !ppnet), "\(name): gates requested only when there are some")
      let state = EffectPerformer.settle(
        loaded, next.map { EffectPerformer.perform($0, source: source) }, source: source)
      let layout = ExplorerLayout(state: state)
      let lines = Explorer.view(state).text.components(separatedBy: "\n")
      func pane(_ p: Pane) -> String {
        let r = layout.rect(p)
        return lines[r.y..<r.maxY].map { String($0.unicodeScalars.dropFirst(r.x).prefix(r.width)) }.joined(
          separator: "\n")
      }
      let sentence = "This model (\(name)) is a model."
      #expect(pane(.epnet).contains(sentence) == !epnet, "\(name) EPNet pane")
      #expect(pane(.ppnet).contains(sentence) == !ppnet, "\(name) PPNet pane")
      #expect(!pane(.epnet).contains("waiting") && !pane(.ppnet).contains("waiting"), "\(name)")
      #expect(pane(.rankings).contains("  1 "), "\(name): rankings")
    }
  }
}

/// PPNet's cursor and the use of large terminals (issue 13, items 14 and 15).
@Suite struct PPNetCursorAndSpaceTests {
  /// Item 14: PPNet had no cursor, and task names disappeared when the pane scrolled. The cursor
  /// picks one layer; the read-out shows its width, every unit and its extreme units.
  @Test func cursorInspectsOneLayer() throws {
    var state = TestSource.settle(TestSource.loaded(width: 110, height: 32), [.key(.backTab)])
    #expect(state.focus == .ppnet)
    state = TestSource.settle(state, Array(repeating: .key(.char("j")), count: 4))
    #expect(state.ppnetCursor == 4)
    let gates = try #require(state.gates)
    let units = gates.target.ppnet[1][1]
    let layout = ExplorerLayout(state: state)
    let detail = layout.ppnetDetail
    try #require(detail.height >= 4)
    let lines = Explorer.view(state).text.components(separatedBy: "\n")
    func text(_ y: Int) -> String {
      String(String.UnicodeScalarView(lines[y].unicodeScalars.dropFirst(detail.x).prefix(detail.width)))
    }
    #expect(text(detail.y).contains("follow L2 · \(units.count) units"), "\(text(detail.y))")
    let damped = units.indices.min { units[$0] < units[$1] }!
    let amplified = units.indices.max { units[$0] < units[$1] }!
    #expect(text(detail.maxY - 2).hasPrefix("damped    #\(damped) "), "\(text(detail.maxY - 2))")
    #expect(text(detail.maxY - 1).hasPrefix("amplified #\(amplified) "), "\(text(detail.maxY - 1))")
    // Scrolled to the last layer, the top row still names its task.
    state = TestSource.settle(state, [.key(.end)])
    let scrolled = ExplorerLayout(state: state)
    #expect(state.ppnetScroll > 0)
    let top = Explorer.view(state).text.components(separatedBy: "\n")[scrolled.ppnetList.y]
    let task = state.catalog.tasks[state.ppnetScroll / 3]
    #expect(top.contains("\(task) "), "\(top)")
  }

  /// Item 15: at 200x60 there were 9 blank EPNet rows and 13 blank PPNet rows, task names were cut
  /// to 8 characters and score bars stayed 10 cells wide.
  @Test func wideTerminalsUseTheSpace() throws {
    let tasks = ["long_view", "like", "comment", "forward", "follow"]
    let source = RetitledSource(tasks: tasks)
    let state = try ExplorerSnapshot.state(
      source: source, options: .init(size: GridSize(width: 200, height: 60)))
    let layout = ExplorerLayout(state: state)
    let grid = Explorer.view(state)
    func blankRows(_ pane: Pane) -> Int {
      let inner = layout.rect(pane).inset(1)
      return (inner.y..<inner.maxY).filter { y in
        (inner.x..<inner.maxX).allSatisfy { grid[$0, y].scalar == " " }
      }
      .count
    }
    #expect(blankRows(.epnet) <= 1, "EPNet keeps one spare row above the per-element gates")
    // The per-unit chart spans 0 to gamma: its top row is blank unless a unit reaches gamma.
    #expect(blankRows(.ppnet) <= 1)
    let ppnet = layout.ppnetList
    let firstRow = (ppnet.x..<ppnet.maxX).map { grid[$0, ppnet.y].scalar }
    #expect(String(String.UnicodeScalarView(firstRow)).hasPrefix("long_view "))
    let list = layout.rankingList
    let bar = (list.x..<list.maxX).filter { grid[$0, list.y].scalar == "█" }.count
    #expect(bar > 10, "score bars grow with the pane")
  }
}
