import PepnetText
import Testing

@testable import PepnetExplorer

/// Issue 14 item 4, compare mode's "what changed": the summary and movers against a brute-force
/// computation from the source's scores, the pin's top items, keeping the same item across a
/// switch, and the difference ramp fitted to the differences present.
@Suite struct CompareModeTests {
  /// Pins user 0 in the first domain, then moves to the next user and the second domain.
  func pinnedAndSwitched(tab: Int = 0) -> ExplorerState {
    var s = TestSource.loaded()
    s.tab = tab
    return TestSource.settle(s, [.key(.char("c")), .key(.char("j")), .key(.char("2"))])
  }

  /// Best first, ties by index: written out again, as a reader would, not `Rankings.order`.
  func bruteForceOrder(_ scores: [Float]) -> [Int] {
    var order: [Int] = []
    var left = Array(scores.indices)
    while !left.isEmpty {
      var best = 0
      for k in left.indices where scores[left[k]] > scores[left[best]] { best = k }
      order.append(left.remove(at: best))
    }
    return order
  }

  /// Spearman's ρ as the Pearson correlation of the rank vectors (not the Σd² formula).
  func pearsonOfRanks(_ a: [Int], _ b: [Int]) -> Double {
    let n = a.count
    var ra = [Double](repeating: 0, count: n)
    var rb = [Double](repeating: 0, count: n)
    for (r, i) in a.enumerated() { ra[i] = Double(r) }
    for (r, i) in b.enumerated() { rb[i] = Double(r) }
    let ma = ra.reduce(0, +) / Double(n)
    let mb = rb.reduce(0, +) / Double(n)
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in 0..<n {
      sab += (ra[i] - ma) * (rb[i] - mb)
      saa += (ra[i] - ma) * (ra[i] - ma)
      sbb += (rb[i] - mb) * (rb[i] - mb)
    }
    return sab / (saa * sbb).squareRoot()
  }

  @Test func summaryMatchesABruteForceComputation() throws {
    let s = pinnedAndSwitched()
    let pinned = try #require(s.pinned)
    #expect(s.rankingsAreCurrent && s.user == 1 && s.domain == 1 && pinned.user == 0 && pinned.domain == 0)
    let before = bruteForceOrder(TestSource.shared.scores(user: 0, domain: 0)[0])
    let after = bruteForceOrder(TestSource.shared.scores(user: 1, domain: 1)[0])
    var overlap = 0
    for a in before.prefix(20) { for b in after.prefix(20) where a == b { overlap += 1 } }
    let rho = pearsonOfRanks(before, after)

    let rankings = try #require(s.rankings)
    let c = try #require(pinned.comparison(to: rankings, tab: 0))
    #expect(c.overlap == overlap)
    #expect(abs(c.spearman - rho) < 1e-9)
    #expect(overlap < 20 && abs(rho) < 0.999, "the two selections differ: the case tests something")
    // Where the pin's top 20 went, and the biggest movers among the items of either top 20.
    #expect(c.baseTop.map(\.item) == Array(before.prefix(20)))
    #expect(c.baseTop.map(\.to) == before.prefix(20).map { after.firstIndex(of: $0)! + 1 })
    let candidates = Set(before.prefix(20)).union(after.prefix(20))
    let changes = candidates.map { before.firstIndex(of: $0)! - after.firstIndex(of: $0)! }
    #expect(c.up.first?.change == changes.max().flatMap { $0 > 0 ? $0 : nil })
    #expect(c.down.first?.change == changes.min().flatMap { $0 < 0 ? $0 : nil })

    // The frame draws those numbers.
    let text = Explorer.view(s).text
    let rhoText = NumberFormat.fixed(Float(rho), 3, plus: true)
    #expect(text.contains("top-20 overlap \(overlap)/20  ρ \(rhoText)"))
    #expect(text.contains(Explorer.whatChangedTitle))
    #expect(text.contains("moved up") && text.contains("moved down") && text.contains("pin's top 20 now at"))
    let top = c.baseTop.prefix(3).map { "#\($0.to)" }.joined(separator: " ")
    #expect(text.contains(top))
  }

  @Test func summaryFollowsTheRankingTab() throws {
    let blend = TestSource.catalog.tasks.count
    let s = pinnedAndSwitched(tab: blend)
    let pinned = try #require(s.pinned)
    let rankings = try #require(s.rankings)
    let c = try #require(pinned.comparison(to: rankings, tab: blend))
    let before = Set(pinned.rankings.blendOrder.prefix(20))
    #expect(c.overlap == rankings.blendOrder.prefix(20).filter { before.contains($0) }.count)
    #expect(Explorer.view(s).text.contains(Explorer.summaryText(c)))
  }

  @Test func keepItemHighlightsTheSameItemAfterASwitch() throws {
    var s = TestSource.loaded()
    s = TestSource.settle(s, [.key(.tab), .key(.char("j")), .key(.char("j")), .key(.char("j"))])
    let item = try #require(s.highlightedItem)
    // Without the option the cursor keeps the rank, and so lands on another item.
    let byRank = TestSource.settle(s, [.key(.char("2"))])
    #expect(byRank.itemCursor == 3 && byRank.highlightedItem != item)
    let kept = TestSource.settle(s, [.key(.char("i")), .key(.char("2"))])
    #expect(kept.keepItem && kept.domain == 1 && kept.rankingsAreCurrent)
    #expect(kept.highlightedItem == item)
    #expect(kept.itemCursor == kept.rankings!.rank(tab: 0, item: item))
    #expect(kept.gates?.item == item && kept.gatesAreCurrent, "the gates compared are the same item's")
    #expect(Explorer.view(kept).text.contains("SAME ITEM"))
    // The worker's first gates after the switch are the kept item's too.
    let scores = TestSource.shared.scores(user: 0, domain: 1)
    #expect(Highlight(kept).item(in: scores) == item)
    let off = TestSource.settle(kept, [.key(.char("i"))])
    #expect(!off.keepItem)
  }

  @Test func differenceRampIsFittedToTheDifferencesPresent() {
    let small = DifferenceScale([0.004, -0.002, 0.0001], floor: 0.0005)
    #expect(small.color(0.004) == Palette.ramp[11], "the largest change present takes the ramp's end")
    #expect(small.color(-0.004) == Palette.ramp[0])
    #expect(small.color(0.0001) == Palette.ramp[6], "below the floor is grey")
    #expect(small.color(.nan) == Palette.ramp[6])
    let large = DifferenceScale([0.4, -0.2], floor: 0.0005)
    #expect(large.color(0.004) != Palette.ramp[11], "the same change is pale when larger ones are present")
    #expect(large.color(0.4) == Palette.ramp[11])
    #expect(DifferenceScale([], floor: 0.01).color(0) == Palette.ramp[6])
  }

  @Test func rankDifferenceColoursTheLargestScoreChangeDeepest() throws {
    var s = pinnedAndSwitched()
    s = TestSource.settle(s, [.key(.char("v"))])
    let grid = Explorer.view(s)
    let layout = ExplorerLayout(state: s)
    let list = layout.rankingList
    var colours: Set<UInt8> = []
    for y in list.y..<list.maxY {
      for x in (list.maxX - 6)..<list.maxX { if let fg = grid[x, y].style.fg { colours.insert(fg) } }
    }
    let ramp = Set(Palette.ramp).subtracting([Palette.ramp[6]])
    #expect(
      colours.intersection(ramp).count >= 2, "the Δpin column uses the fitted ramp, not two flat colours")
  }
}
