import PepnetInference
import PepnetNumerics
import PepnetText
import Testing

/// The summary of two rankings (effect view, compare mode) against a brute-force computation and
/// a case worked by hand.
@Suite struct RankingComparisonTests {
  @Test func aSmallCaseByHand() throws {
    // base: 0 1 2 3 4; other: 2 0 1 4 3.
    let c = try #require(RankingComparison(base: [0, 1, 2, 3, 4], other: [2, 0, 1, 4, 3], k: 2, movers: 5))
    #expect(c.overlap == 1)  // {0, 1} and {2, 0}
    // d = (0-1, 1-2, 2-0, 3-4, 4-3) → Σd² = 1 + 1 + 4 + 1 + 1 = 8; ρ = 1 - 48 / 120 = 0.6.
    #expect(abs(c.spearman - 0.6) < 1e-12)
    // Candidates {0, 1, 2}: 2 went from 3 to 1; 0 from 1 to 2, 1 from 2 to 3.
    #expect(c.up == [.init(item: 2, from: 3, to: 1)])
    #expect(c.down == [.init(item: 0, from: 1, to: 2), .init(item: 1, from: 2, to: 3)])
    #expect(c.baseTop == [.init(item: 0, from: 1, to: 2), .init(item: 1, from: 2, to: 3)])
    let same = try #require(RankingComparison(base: [1, 0, 2], other: [1, 0, 2]))
    #expect(same.spearman == 1 && same.up.isEmpty && same.down.isEmpty && same.overlap == 3)
    let reversed = try #require(RankingComparison(base: [0, 1, 2, 3], other: [3, 2, 1, 0]))
    #expect(reversed.spearman == -1)
  }

  @Test func refusesOrdersThatAreNotOfTheSameItems() {
    #expect(RankingComparison(base: [0, 1, 2], other: [0, 1]) == nil)
    #expect(RankingComparison(base: [0, 1, 1], other: [0, 1, 2]) == nil)
    #expect(RankingComparison(base: [0, 1, 3], other: [0, 1, 2]) == nil)
    #expect(RankingComparison(base: [0, -1, 2], other: [0, 1, 2]) == nil)
  }

  /// Random orders: overlap by sets, ρ as the Pearson correlation of the rank vectors, movers by
  /// sorting every candidate's change.
  @Test func matchesBruteForceOnRandomOrders() throws {
    var rng = SeededRNG(seed: 21)
    for trial in 0..<50 {
      let n = 1 + rng.below(60)
      let k = 1 + rng.below(25)
      var base = Array(0..<n)
      base.shuffle(using: &rng)
      var other = base
      // A few swaps, or a whole reshuffle.
      if trial % 3 == 0 {
        other.shuffle(using: &rng)
      } else {
        for _ in 0..<rng.below(10) { other.swapAt(rng.below(n), rng.below(n)) }
      }
      let c = try #require(RankingComparison(base: base, other: other, k: k, movers: 4))
      let top = min(k, n)
      #expect(c.overlap == Set(base.prefix(top)).intersection(other.prefix(top)).count)

      let rankA = (0..<n).map { i in Double(base.firstIndex(of: i)!) }
      let rankB = (0..<n).map { i in Double(other.firstIndex(of: i)!) }
      if n > 1 {
        let mean = Double(n - 1) / 2
        var cov = 0.0
        var varA = 0.0
        var varB = 0.0
        for i in 0..<n {
          cov += (rankA[i] - mean) * (rankB[i] - mean)
          varA += (rankA[i] - mean) * (rankA[i] - mean)
          varB += (rankB[i] - mean) * (rankB[i] - mean)
        }
        #expect(abs(c.spearman - cov / (varA * varB).squareRoot()) < 1e-9)
      }

      var all: [RankingComparison.Move] = []
      for i in Set(base.prefix(top)).union(other.prefix(top)) {
        all.append(.init(item: i, from: Int(rankA[i]) + 1, to: Int(rankB[i]) + 1))
      }
      let up = all.filter { $0.change > 0 }.sorted { ($0.change, -$0.to) > ($1.change, -$1.to) }
      let down = all.filter { $0.change < 0 }.sorted { ($0.change, $0.to) < ($1.change, $1.to) }
      #expect(c.up == Array(up.prefix(4)))
      #expect(c.down == Array(down.prefix(4)))
      #expect(c.baseTop.map(\.item) == Array(base.prefix(top)))
      #expect(c.baseTop.allSatisfy { other[$0.to - 1] == $0.item && base[$0.from - 1] == $0.item })
    }
  }
}
