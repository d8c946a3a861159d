/// Equal-weight quantile cuts of weighted values, and the bucket a value falls in.
///
/// One rule for every bucketised number in the pipeline (the domain statistics' smoothed rates,
/// numeric features), so that training and serving, and any reimplementation, agree:
///
/// - Cuts lie only between distinct values, so equal values always share a bucket.
/// - There are `min(buckets, distinct values)` buckets: a tie never loses one. (The rule before
///   issue 16 dropped a cut whenever the quantile fell between two equal values, which left 6 of
///   9 user cuts and 5 of 9 item cuts in the sample bundle.)
/// - Walking the distinct values upwards, a bucket closes after the first value at which its
///   weight reaches `(weight not yet in a bucket) / (buckets still to make)`, or earlier when the
///   distinct values left are only just enough for the buckets still to make. A value heavier
///   than its share thus gets a bucket of its own and the rest is split evenly.
/// - The cut between neighbouring distinct values `a < b` is `a / 2 + b / 2`, or `b` when that
///   rounds down to `a`.
public enum QuantileCuts {
  /// Strictly increasing cuts splitting `entries` into up to `buckets` buckets of about equal
  /// weight. Values must be finite and weights positive (entries of weight 0 are ignored).
  public static func cuts(_ entries: [(value: Float, weight: Int)], buckets: Int) -> [Float] {
    guard buckets > 1 else { return [] }
    let sorted = entries.filter { $0.weight > 0 }.sorted { $0.value < $1.value }
    // Distinct values with their summed weights.
    var values: [Float] = []
    var weights: [Int] = []
    for e in sorted {
      if let last = values.last, last == e.value {
        weights[weights.count - 1] += e.weight
      } else {
        values.append(e.value)
        weights.append(e.weight)
      }
    }
    guard values.count > 1 else { return [] }
    var cuts: [Float] = []
    var remainingWeight = weights.reduce(0, +)
    var bucketWeight = 0
    for j in 0..<values.count - 1 {
      let bucketsLeft = min(buckets, values.count) - cuts.count
      guard bucketsLeft > 1 else { break }
      bucketWeight += weights[j]
      let valuesAfter = values.count - 1 - j
      // `bucketWeight >= remainingWeight / bucketsLeft`, without rounding.
      if bucketWeight * bucketsLeft >= remainingWeight || valuesAfter == bucketsLeft - 1 {
        cuts.append(cut(between: values[j], and: values[j + 1]))
        remainingWeight -= bucketWeight
        bucketWeight = 0
      }
    }
    return cuts
  }

  /// The cut between distinct values `a < b`: above `a`, at most `b`.
  static func cut(between a: Float, and b: Float) -> Float {
    let middle = a / 2 + b / 2
    return middle > a ? middle : b
  }

  /// Bucket of `value`: 1 + the number of cuts <= `value` (cuts increasing), so 1...cuts.count + 1.
  @inline(__always) public static func bucket(of value: Float, cuts: [Float]) -> Int32 {
    var low = 0
    var high = cuts.count
    while low < high {
      let mid = (low + high) / 2
      if cuts[mid] <= value { low = mid + 1 } else { high = mid }
    }
    return Int32(1 + low)
  }
}
