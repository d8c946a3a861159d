/// Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their
/// average rank. Nil for fewer than two pairs or when either side is constant (no ranking).
public enum RankCorrelation {
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "one value of each side per pair")
    guard x.count >= 2 else { return nil }
    return pearson(ranks(x), ranks(y))
  }

  /// 1-based ranks, ties averaged.
  static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
      let rank = Double(start + end + 1) / 2
      for k in start..<end { result[order[k]] = rank }
      start = end
    }
    return result
  }

  static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for k in x.indices {
      sxy += (x[k] - mx) * (y[k] - my)
      sxx += (x[k] - mx) * (x[k] - mx)
      syy += (y[k] - my) * (y[k] - my)
    }
    guard sxx > 0 && syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
  }
}
