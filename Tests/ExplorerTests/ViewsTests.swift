import Foundation
import PepnetExplorer
import PepnetTestSupport
import Testing

/// Issue 14's explorer side: the legends and sentences of the gate panes, the overview and effect
/// views (requested through the worker, "computing" until they arrive), `--view`'s snapshots.
@Suite struct ViewsTests {
  /// The loaded default state with a view shown and its results settled.
  func inView(_ view: ExplorerViewName, _ more: [Action] = []) -> ExplorerState {
    TestSource.settle(TestSource.loaded(), [.command(.showView(view))] + more)
  }

  @Test func overviewIsRequestedOnceAndComputingUntilItArrives() {
    let (state, effects) = Explorer.update(TestSource.loaded(), .key(.char("o")))
    #expect(state.view == .overview)
    #expect(effects == [.computePopulation])
    #expect(state.isComputing)
    #expect(Explorer.view(state).text.contains("computing gates over the population sample"))
    let done = TestSource.settle(
      state, [EffectPerformer.perform(.computePopulation, source: TestSource.shared)])
    #expect(!done.isComputing && done.population != nil)
    // Leaving and coming back reuses the statistics.
    let (_, again) = Explorer.run(done, [.key(.char("o")), .key(.char("o"))])
    #expect(again.isEmpty)
  }

  @Test func effectFollowsTheTabTheAverageAndTheUser() throws {
    let (state, effects) = Explorer.update(TestSource.loaded(), .key(.char("e")))
    guard case .computeEffect(let request)? = effects.last else {
      Issue.record("no effect request: \(effects)")
      return
    }
    // The first tab is a task: its one-hot weights.
    #expect(request.weights == [1, 0, 0, 0, 0] && request.average == .epnet && request.user == 0)
    var s = TestSource.settle(
      state, [EffectPerformer.perform(.computeEffect(request), source: TestSource.shared)])
    #expect(s.effect != nil && !s.isComputing)
    var (next, more) = Explorer.update(s, .key(.char("a")))
    #expect(
      more.contains {
        if case .computeEffect(let r) = $0 { return r.average == .ppnet } else { return false }
      })
    // A result for the previous request does not replace the current one's.
    next = TestSource.settle(next, [.effectComputed(request, s.effect)])
    #expect(
      next.effectRequest == request && next.pendingEffect != nil,
      "the stale result is shown greyed, still pending")
    s = TestSource.settle(next, [])
    (next, more) = Explorer.update(s, .key(.down))
    #expect(next.user == s.visibleUsers[1], "↓ moves the user in the effect view")
    #expect(
      more.count == 1 && more.allSatisfy { if case .computeEffect = $0 { true } else { false } },
      "only the effect is asked for, not the main view's rankings: \(more)")
    (next, more) = Explorer.update(next, .key(.right))
    #expect(next.tab == 1)
    let (back, _) = Explorer.update(next, .key(.escape))
    #expect(back.view == .main)
  }

  @Test func overviewAndEffectSnapshots() {
    assertSnapshot(Explorer.view(inView(.overview)).text, named: "overview-120x40")
    assertSnapshot(Explorer.view(inView(.effect)).text, named: "effect-120x40")
    assertSnapshot(
      Explorer.view(TestSource.settle(TestSource.loaded(width: 80, height: 24), [.key(.char("o"))])).text,
      named: "overview-80x24")
  }

  /// At 80x24 the overview is taller than the screen: ↑↓ PgUp PgDn Home End scroll it, within its
  /// rows, and the last row says which rows are on screen.
  @Test func theOverviewScrollsAt80x24() {
    let top = TestSource.settle(TestSource.loaded(width: 80, height: 24), [.key(.char("o"))])
    let rows = Explorer.overviewContentRows(top)
    #expect(rows > 22, "the overview fits 80x24: nothing to scroll")
    #expect(top.keyContexts == [.overview, .normal])
    func text(_ s: ExplorerState) -> String { Explorer.view(s).text }
    #expect(text(top).contains("rows 1-21 of \(rows)"))
    #expect(!text(top).contains("Gate health"))
    let down = TestSource.settle(top, [.key(.down)])
    #expect(down.overviewScroll == 1 && text(down).contains("rows 2-22 of \(rows)"))
    #expect(down.focus == top.focus && down.user == top.user, "↓ scrolls, it moves no cursor")
    let page = TestSource.settle(top, [.key(.pageDown)])
    #expect(page.overviewScroll == 20)
    let bottom = TestSource.settle(top, [.key(.end)])
    #expect(bottom.overviewScroll == rows - 21)
    #expect(text(bottom).contains("rows \(rows - 20)-\(rows) of \(rows)"))
    #expect(text(bottom).contains("Gate health") && text(bottom).contains("dead units"))
    #expect(TestSource.settle(bottom, [.key(.down), .key(.pageDown)]).overviewScroll == rows - 21)
    #expect(TestSource.settle(bottom, [.key(.home)]).overviewScroll == 0)
    #expect(TestSource.settle(top, [.key(.up), .key(.pageUp)]).overviewScroll == 0)
    // Where it fits, there is nothing to scroll and no marker.
    let wide = inView(.overview, [.key(.down)])
    #expect(wide.overviewScroll == 0 && !text(wide).contains("rows 1-"))
  }

  /// A model with NaN or infinite gates: the overview says what `pepnet inspect` says when it
  /// refuses it (one line), and draws no table of "nan".
  @Test(arguments: [
    (
      NaNGateSource.Broken.epnet(domain: 2, field: 3), Float.nan,
      "EPNet gate of field 'age' in featured is nan over the sample"
    ),
    (
      NaNGateSource.Broken.ppnet(domain: 1, task: 0, layer: 1), Float.infinity,
      "PPNet gate of task 'like', layer 2 in single-feed is inf over the sample"
    ),
  ])
  func theOverviewRefusesNonFiniteGatesAsInspectDoes(
    _ broken: NaNGateSource.Broken, _ value: Float, _ line: String
  ) {
    let source = NaNGateSource(broken, value: value)
    let state = EffectPerformer.settle(
      TestSource.loaded(width: 80, height: 24), [.key(.char("o"))], source: source)
    let text = Explorer.view(state).text
    #expect(text.contains(line), "\(text)")
    let rest = text.replacingOccurrences(of: line, with: "")
    #expect(!rest.contains("nan") && !rest.contains("inf"), "\(rest)")
    #expect(!text.contains("EPNet gate per field") && !text.contains("rows 1-"))
    #expect(Explorer.overviewContentRows(state) == 0)
  }

  @Test func snapshotOptionsPickTheView() throws {
    var options = ExplorerSnapshot.Options()
    options.view = .effect
    options.average = .both
    let state = try ExplorerSnapshot.state(source: TestSource.shared, options: options)
    #expect(state.view == .effect && state.effect?.average == .both)
    #expect(Explorer.view(state).text.contains("EFFECT"))
  }

  /// The EPNet sentence names the most amplified and most damped fields with the gate and Δavg
  /// that their rows show; the PPNet one the numbers of the row under the cursor.
  @Test func sentencesAreBuiltFromTheNumbersOnScreen() throws {
    let legend = Explorer.view(TestSource.loaded()).text
    #expect(legend.contains("0 damps · 1 neutral · 2 (γ) amplifies"))
    #expect(legend.contains("Δavg = this item's gate - the domain's average"))
    let state = TestSource.settle(TestSource.loaded(), [.key(.char("s"))])
    let text = Explorer.view(state).text
    assertSnapshot(text, named: "sentences-120x40")
    let rows = text.components(separatedBy: "\n")
    // The sentence wraps over the legend rows; join the pane's rows back into one string.
    let epnetColumn = rows.compactMap { row -> String? in
      guard let start = row.range(of: "││", options: .backwards) else { return nil }
      return String(row[start.upperBound...]).replacingOccurrences(of: "│", with: "")
    }
    let flowing = epnetColumn.joined(separator: " ").split(separator: " ").joined(separator: " ")
    let pattern = try Regex(
      #"amplifies (\w+) ×([0-9.]+) and damps (\w+) ×([0-9.]+) for \S+ and this item \(Δavg ([-+.0-9]+), ([-+.0-9]+)\)\."#
    )
    let match = try #require(flowing.firstMatch(of: pattern), "no EPNet sentence in: \(flowing)")
    func group(_ n: Int) -> String { match.output[n].substring.map(String.init) ?? "" }
    for (field, gate, delta) in [(group(1), group(2), group(5)), (group(3), group(4), group(6))] {
      let row = try #require(epnetColumn.first { $0.hasPrefix("\(field) ") }, "no row for \(field)")
      #expect(row.contains(" \(gate) ") && row.hasSuffix(" \(delta)"), "\(field): \(row)")
    }
    #expect(
      flowing.contains(
        "For u1000 and this item PPNet scales like L1 by 0.97 on average (.09 to 1.83): 24% of its 80 units damp below .5, 14% amplify above 1.5."
      ))
    #expect(text.contains("like     L1 ") && text.contains(" 0.97 .09  1.83 24%  14%"))
  }

  @Test func headerAndUsersAreLabelled() {
    let text = Explorer.view(TestSource.loaded()).text
    // Each head over its column, and at least two cells of it (issue 18, item 10): `age`
    // over `25-34`, `ge` over `F`.
    let lines = text.components(separatedBy: "\n")
    let heads = try! #require(lines.first { $0.hasPrefix("│ user ") })
    let first = try! #require(lines.first { $0.hasPrefix("│▶u1000 ") })
    #expect(heads.hasPrefix("│ user  age   ge city  … "), "\(heads)")
    #expect(first.hasPrefix("│▶u1000 25-34 F  tier1… "), "\(first)")
    let help = Explorer.view(TestSource.settle(TestSource.loaded(), [.key(.char("?")), .key(.tab)])).text
    for term in ["Σw·p", "Δavg", "L1-L3", "<.5 >1.5", "p10-p90", "general"] {
      #expect(help.contains(term), "the legend explains \(term)")
    }
  }
}
