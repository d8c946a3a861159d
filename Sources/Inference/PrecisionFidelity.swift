import PepnetData
import PepnetModel
import PepnetNumerics

/// How far bf16 scoring moves a bundle's rankings from fp32's, over (user, domain) cells: the
/// largest |Δprobability| of any task and item, the overlap of the top-k items, and Spearman's rank
/// correlation of the whole catalog. Each cell's overlap and correlation are the means over its
/// rankings: one per task and the blend of all tasks (the default of `pepnet rank`).
public struct PrecisionFidelity: Sendable {
  public var cells = 0
  public var top = 20
  public var maxAbsoluteDifference: Float = 0
  public var meanTopOverlap = 0.0
  public var minTopOverlap = 1.0
  public var meanRankCorrelation = 0.0
  public var minRankCorrelation = 1.0

  /// Compares `bf16` with `fp32` (two rankers over the same bundle) for every user in `users` and
  /// every domain, ranking `items` (catalog indices; the whole catalog by default).
  public static func measure(
    fp32: CatalogRanker, bf16: CatalogRanker, users: some Sequence<Int>, items: [Int]? = nil, top: Int = 20
  ) -> PrecisionFidelity {
    var result = PrecisionFidelity()
    result.top = top
    var overlapSum = 0.0
    var correlationSum = 0.0
    for user in users {
      for domain in 0..<fp32.domains.count {
        let a = fp32.scores(user: user, domain: domain, items: items)
        let b = bf16.scores(user: user, domain: domain, items: items)
        for (x, y) in zip(a, b) {
          for (p, q) in zip(x, y) {
            result.maxAbsoluteDifference = max(result.maxAbsoluteDifference, abs(p - q))
          }
        }
        let rankings = zip(a, b).map { ($0, $1) } + [(blend(a), blend(b))]
        var overlap = 0.0
        var correlation = 0.0
        for (x, y) in rankings {
          overlap += topOverlap(x, y, top: top)
          correlation += spearman(x, y)
        }
        overlap /= Double(rankings.count)
        correlation /= Double(rankings.count)
        result.cells += 1
        overlapSum += overlap
        correlationSum += correlation
        result.minTopOverlap = min(result.minTopOverlap, overlap)
        result.minRankCorrelation = min(result.minRankCorrelation, correlation)
      }
    }
    if result.cells > 0 {
      result.meanTopOverlap = overlapSum / Double(result.cells)
      result.meanRankCorrelation = correlationSum / Double(result.cells)
    }
    return result
  }

  static func blend(_ scores: [[Float]]) -> [Float] {
    var sum = [Float](repeating: 0, count: scores.first?.count ?? 0)
    for task in scores { for (i, s) in task.enumerated() { sum[i] += s } }
    return sum
  }

  /// Item indices best first; ties by index, so equal scores rank the same way in both precisions.
  static func order(_ scores: [Float]) -> [Int] {
    scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
  }

  /// The fraction of `a`'s top `top` items that are also in `b`'s.
  static func topOverlap(_ a: [Float], _ b: [Float], top: Int) -> Double {
    let k = min(top, a.count)
    guard k > 0 else { return 1 }
    let first = Set(order(a).prefix(k))
    return Double(order(b).prefix(k).filter { first.contains($0) }.count) / Double(k)
  }

  /// Spearman's rho of the two rankings: `1 - 6 Σd² / (n (n² - 1))`.
  static func spearman(_ a: [Float], _ b: [Float]) -> Double {
    let n = a.count
    guard n > 1 else { return 1 }
    var rankA = [Int](repeating: 0, count: n)
    var rankB = [Int](repeating: 0, count: n)
    for (r, i) in order(a).enumerated() { rankA[i] = r }
    for (r, i) in order(b).enumerated() { rankB[i] = r }
    var squares = 0.0
    for i in 0..<n {
      let d = Double(rankA[i] - rankB[i])
      squares += d * d
    }
    let count = Double(n)
    return 1 - 6 * squares / (count * (count * count - 1))
  }
}
