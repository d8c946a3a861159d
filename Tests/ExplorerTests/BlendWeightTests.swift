import Foundation
import PepnetExplorer
import PepnetText
import Testing

/// Blend weights (issue 13, item 5): they could not go below 0 and `hate` weighed +1, so predicted
/// hate raised an item. Weights now range over -5...5, negative-feedback tasks start at -1, a
/// formula can be given at start, and the pane shows the formula.
@Suite struct BlendWeightTests {
  /// The synthetic tasks with `longview` standing in for a negative-feedback task.
  static let negative = ReweightedSource(TestSource.shared, weights: [1, 1, 1, 1, -1])

  static func loaded(_ source: ExplorerDataSource) -> ExplorerState {
    try! ExplorerSnapshot.state(source: source, options: .init())
  }

  @Test func weightsGoNegativeWithinBounds() {
    var state = TestSource.loaded()
    (state, _) = Explorer.run(state, [.key(.tab)] + Array(repeating: .key(.char("-")), count: 25))
    #expect(abs(state.weights[0] + 1.5) < 1e-5)
    (state, _) = Explorer.run(state, Array(repeating: .key(.char("-")), count: 100))
    #expect(state.weights[0] == -5)
    (state, _) = Explorer.run(state, Array(repeating: .key(.char("+")), count: 200))
    #expect(state.weights[0] == 5)
  }

  @Test func negativeTasksStartAtMinusOneAndLowerTheBlend() throws {
    var state = Self.loaded(Self.negative)
    #expect(state.weights == [1, 1, 1, 1, -1])
    let rankings = try #require(state.rankings)
    for item in 0..<5 {
      let expected = (0..<4).reduce(Float(0)) { $0 + rankings.scores[$1][item] } - rankings.scores[4][item]
      #expect(abs(rankings.blendScores[item] - expected) < 1e-5)
    }
    (state, _) = Explorer.run(state, [.key(.tab), .key(.char("+")), .key(.char("0"))])
    #expect(state.weights == [1, 1, 1, 1, -1], "0 resets to the defaults")
  }

  /// On the blend tab the formula is under the list, whole (wrapped when the pane is narrow).
  @Test func paneShowsTheFormula() {
    func formula(_ source: ExplorerDataSource, width: Int, height: Int) -> String {
      var state = try! ExplorerSnapshot.state(
        source: source, options: .init(size: GridSize(width: width, height: height)))
      state = EffectPerformer.settle(state, [.key(.tab), .key(.end)], source: source)
      state.tab = state.tabCount - 1
      let area = ExplorerLayout(state: state).blendFormula
      let lines = Explorer.view(state).text.components(separatedBy: "\n")
      return lines[area.y..<area.maxY].map {
        String(String.UnicodeScalarView($0.unicodeScalars.dropFirst(area.x).prefix(area.width)))
          .trimmingCharacters(in: [" "])
      }.joined(separator: " ")
    }
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
      #expect(
        formula(Self.negative, width: width, height: height)
          == "blend = like + follow + forward + comment − longview",
        "\(width)x\(height)")
    }
    let weighted = ReweightedSource(TestSource.shared, weights: [2, 0, 0.5, 0, -2])
    #expect(formula(weighted, width: 120, height: 40) == "blend = 2·like + 0.5·forward − 2·longview")
  }

  @Test func weightsTextIsParsedAndChecked() throws {
    let tasks = TestSource.shared.tasks
    #expect(try BlendWeights(parsing: "like=1,longview=-2").weights(for: tasks) == [1, 0, 0, 0, -2])
    #expect(throws: BlendWeights.Problem.self) { try BlendWeights(parsing: "like=7") }
    #expect(throws: BlendWeights.Problem.self) { try BlendWeights(parsing: "like") }
    #expect(throws: BlendWeights.Problem.self) { try BlendWeights(parsing: "like=1,") }
    #expect(throws: BlendWeights.UnknownTask.self) {
      try BlendWeights(parsing: "hate=-1").weights(for: tasks)
    }
  }

  /// The explorer blends and orders with `BlendedRanking`, as `pepnet rank` does: ties by catalog
  /// index, a NaN score (a broken model) last in every tab rather than anywhere.
  @Test func rankingsOrderAsRankDoes() {
    let scores: [[Float]] = [[0.5, .nan, 0.9, 0.5, 0.1], [0.2, 0.1, 0.1, 0.2, 0.3]]
    let rankings = Rankings(user: 0, domain: 0, scores: scores, weights: [1, 2])
    #expect(rankings.order(tab: 0) == [2, 0, 3, 4, 1])
    #expect(rankings.order(tab: 2) == [2, 0, 3, 4, 1])
    #expect(
      rankings.blendScores.map(\.bitPattern)
        == BlendedRanking.blend(scores, weights: [1, 2]).map(\.bitPattern))
    #expect(rankings.rank(tab: 0, item: 1) == 4)
  }
}
