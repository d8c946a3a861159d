/// A gate's average and its spread across users: `mean` of the per-user values and their 10th and
/// 90th percentiles (`p10`, `p90`, linearly interpolated between the two closest ranks, as
/// numpy's default). Users weigh the same: each user's value is the mean over that user's sampled
/// items.
public struct GateSpread: Sendable, Equatable, Codable {
  public var mean: Float
  public var p10: Float
  public var p90: Float

  public init(mean: Float, p10: Float, p90: Float) {
    self.mean = mean
    self.p10 = p10
    self.p90 = p90
  }

  /// The spread of `values` (one per user); all zero for no values.
  public init(of values: [Float]) {
    guard !values.isEmpty else {
      self.init(mean: 0, p10: 0, p90: 0)
      return
    }
    let sorted = values.sorted()
    let mean = Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
    self.init(
      mean: mean, p10: Self.percentile(sorted: sorted, 0.10), p90: Self.percentile(sorted: sorted, 0.90))
  }

  /// The width of the middle 80%: `p90 - p10`.
  public var width: Float { p90 - p10 }

  /// The `q`-quantile (0...1) of ascending `sorted`: position `q * (n - 1)`, interpolated linearly
  /// between its two neighbouring values.
  public static func percentile(sorted: [Float], _ q: Double) -> Float {
    guard let first = sorted.first else { return 0 }
    guard sorted.count > 1 else { return first }
    let position = q * Double(sorted.count - 1)
    let below = Int(position.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    let fraction = position - Double(below)
    return Float(Double(sorted[below]) + fraction * (Double(sorted[above]) - Double(sorted[below])))
  }
}
