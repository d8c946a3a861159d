/// Blend-then-sort, the one copy used by `pepnet rank` and the explorer: the blended score of an
/// item is `sum_t weight_t * p_t` (a production fusion formula in its simplest, linear form), and
/// an order puts the highest score first.
public enum BlendedRanking {
  /// `scores[task][item]` blended with `weights[task]`: tasks without a weight count 1, tasks
  /// weighing 0 are left out (so a zero weight removes a task, whatever its scores). The tasks are
  /// added in order, so the result does not depend on who asks.
  public static func blend(_ scores: [[Float]], weights: [Float]) -> [Float] {
    let count = scores.first?.count ?? 0
    var blended = [Float](repeating: 0, count: count)
    for (t, row) in scores.enumerated() {
      let weight = t < weights.count ? weights[t] : 1
      if weight == 0 { continue }
      for i in 0..<count { blended[i] += weight * row[i] }
    }
    return blended
  }

  /// The indices of `values`, highest first; ties are broken by index so the order is
  /// deterministic, and NaN (a broken model) sorts last so that the order stays a total one.
  public static func order(_ values: [Float]) -> [Int] {
    values.indices.sorted { a, b in
      let x = values[a]
      let y = values[b]
      if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? a < b : y.isNaN }
      return x != y ? x > y : a < b
    }
  }

  /// `order`'s inverse: the 0-based rank of each index.
  public static func ranks(of order: [Int]) -> [Int] {
    var ranks = [Int](repeating: 0, count: order.count)
    for (r, i) in order.enumerated() { ranks[i] = r }
    return ranks
  }
}
