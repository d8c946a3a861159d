/// Frame-time measurement without a terminal: replays synthetic key presses through update, view and
/// the grid diff, as the input loop does. Navigation keys only move cursors (model work runs untimed, as
/// the worker would); selection changes include re-ranking the catalog synchronously.
public enum ExplorerBenchmark {
  public struct Report: Sendable, CustomStringConvertible {
    public var navigation: [Double]
    public var selection: [Double]
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
      guard !values.isEmpty else { return 0 }
      let sorted = values.sorted()
      return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
    public var description: String {
      func line(_ name: String, _ v: [Double]) -> String {
        let p50 = Report.percentile(v, 0.5)
        let p95 = Report.percentile(v, 0.95)
        let max = v.max() ?? 0
        return "\(name): n=\(v.count) p50 \(fmt(p50)) ms  p95 \(fmt(p95)) ms  max \(fmt(max)) ms"
      }
      return line("navigation (update+view+diff)", navigation) + "\n"
        + line("user/domain change (+ scores)", selection)
    }
    private func fmt(_ v: Double) -> String { NumberFormat.fixed(Float(v), 3) }
  }

  /// Replays `presses` navigation keys and `presses / 10` selection changes at `size`, timed on
  /// `clock`.
  public static func run(
    source: ExplorerDataSource, presses: Int = 500, size: GridSize = GridSize(width: 120, height: 40),
    clock: ExplorerClock = SystemClock()
  )
    -> Report
  {
    var state = try! ExplorerSnapshot.state(source: source, options: .init(size: size))
    state = EffectPerformer.settle(state, [.command(.nextPane)], source: source)
    var grid = CellGrid(width: 0, height: 0)
    var previous = CellGrid(width: 0, height: 0)
    var runs: [GridRun] = []
    Explorer.render(state, into: &previous)
    let navigationKeys: [Key] = [
      .down, .down, .char("j"), .up, .right, .left, .pageDown, .char("k"), .home, .char("l"),
    ]
    var navigation: [Double] = []
    var selection: [Double] = []
    func frame(_ state: ExplorerState) {
      Explorer.render(state, into: &grid)
      GridDiff.runs(from: previous, to: grid, into: &runs)
      swap(&previous, &grid)
    }
    for i in 0..<presses {
      let start = clock.now
      let (next, effects) = Explorer.update(state, .key(navigationKeys[i % navigationKeys.count]))
      state = next
      frame(state)
      navigation.append((clock.now - start) * 1000)
      state = EffectPerformer.settle(
        state, effects.map { EffectPerformer.perform($0, source: source) }, source: source)
    }
    for i in 0..<max(1, presses / 10) {
      let start = clock.now
      let key: Key = i % 2 == 0 ? .char("]") : .char("j")
      var (next, effects) = Explorer.update(state, .key(key))
      if i % 2 == 1 {
        next.focus = .users
        (next, effects) = Explorer.update(next, .key(.down))
      }
      state = EffectPerformer.settle(
        next, effects.map { EffectPerformer.perform($0, source: source) }, source: source)
      frame(state)
      selection.append((clock.now - start) * 1000)
      state.focus = .rankings
    }
    return Report(navigation: navigation, selection: selection)
  }
}
