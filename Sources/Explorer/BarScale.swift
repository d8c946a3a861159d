/// How a ranking list's score bars map scores to lengths: over the range of the rows on screen, not
/// 0 to 1, so that scores between 0.41 and 0.48 still look different. The list's header shows the
/// range above the bars.
struct BarScale {
  var low: Float
  var high: Float

  /// The range of the scores of ranks `first..<first + rows` in `order`.
  init(_ rankings: Rankings, tab: Int, order: [Int], visible first: Int, rows: Int) {
    low = .infinity
    high = -.infinity
    let start = max(0, min(first, order.count))
    let end = min(order.count, start + max(1, rows))
    for index in start..<end {
      let score = rankings.score(tab: tab, item: order[index])
      guard score.isFinite else { continue }
      low = min(low, score)
      high = max(high, score)
    }
    if low > high { (low, high) = (0, 1) }
  }

  /// The bar fraction of a score: a sliver at the lowest visible score, full at the highest.
  func fraction(_ score: Float) -> Float {
    guard high > low, score.isFinite else { return 1 }
    return 0.05 + 0.95 * min(1, max(0, (score - low) / (high - low)))
  }
}
