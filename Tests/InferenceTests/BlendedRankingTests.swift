import PepnetInference
import PepnetText
import Testing

/// Blend-then-sort (`BlendedRanking`, PepnetText), the one copy behind `pepnet rank`'s
/// `RankedList` and the explorer's `Rankings`.
@Suite struct BlendedRankingTests {
  @Test func blendAddsWeightedTasksInOrder() {
    let scores: [[Float]] = [[0.5, 0.25], [0.5, 1], [0.125, 0.5]]
    #expect(BlendedRanking.blend(scores, weights: [1, -2, 4]) == [0, 0.25])
    // A missing weight counts 1; a zero weight leaves its task out, even a broken one.
    #expect(BlendedRanking.blend(scores, weights: [1]) == [1.125, 1.75])
    #expect(BlendedRanking.blend([[0.5, 0.25], [.nan, .infinity]], weights: [1, 0]) == [0.5, 0.25])
    #expect(BlendedRanking.blend([], weights: []) == [])
  }

  @Test func orderIsHighestFirstTiesByIndexNaNLast() {
    let values: [Float] = [0.5, .nan, 0.9, 0.5, -.infinity, .nan, 0.9]
    let order = BlendedRanking.order(values)
    #expect(order == [2, 6, 0, 3, 4, 1, 5])
    #expect(BlendedRanking.ranks(of: order) == [2, 5, 0, 3, 4, 6, 1])
  }

  @Test func rankedListIsTheBlendInThatOrder() {
    let scores: [[Float]] = [[0.5, 0.125, 0.75, 0.25], [0.5, 0.75, 0.125, 0.25]]
    let list = RankedList(scores: scores, weights: [1, 2], top: 3)
    let blended = BlendedRanking.blend(scores, weights: [1, 2])
    #expect(list.entries.map(\.item) == Array(BlendedRanking.order(blended).prefix(3)))
    #expect(list.entries.map(\.item) == [1, 0, 2])
    #expect(list.entries.map(\.blended) == [1.625, 1.5, 1])
    #expect(list.entries[0].scores == [0.125, 0.75])
  }
}
