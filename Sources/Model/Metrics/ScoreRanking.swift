/// Rows ordered by ascending score: the one sort that AUC and GAUC share.
///
/// Each entry packs an order-preserving 32-bit key of the row's score (high half) with the row
/// index (low half) into a `UInt64`, so sorting plain integers orders the rows, and rows with equal
/// scores are recognisable by equal high halves. `-0` and `+0` get the same key (they tie); every
/// NaN gets one key above `+infinity` (all NaNs tie with each other, as the highest score).
struct ScoreRanking {
  /// `(key << 32) | row`, ascending.
  var entries: [UInt64]

  /// Ranks all rows of `scores`.
  init(scores: UnsafeBufferPointer<Float>) {
    precondition(scores.count <= Int(UInt32.max), "ScoreRanking: more than 2^32 rows")
    entries = [UInt64](unsafeUninitializedCapacity: scores.count) { buffer, initialized in
      for row in 0..<scores.count {
        buffer[row] = UInt64(ScoreRanking.key(scores[row])) << 32 | UInt64(row)
      }
      initialized = scores.count
    }
    entries.sort()
  }

  /// An order-preserving unsigned key of a float (a larger score gives a larger key).
  @inline(__always) static func key(_ score: Float) -> UInt32 {
    if score.isNaN { return UInt32.max }
    let bits = (score == 0 ? Float(0) : score).bitPattern
    // Negative floats: flip all bits (larger magnitude -> smaller key); positive: set the sign bit.
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
  }

  @inline(__always) static func row(_ entry: UInt64) -> Int { Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) }
  @inline(__always) static func tieKey(_ entry: UInt64) -> UInt64 { entry >> 32 }
}

/// The weighted Mann-Whitney statistic, accumulated over rows visited in ascending score order.
///
/// For every positive it adds the negative weight strictly below it plus half the negative weight
/// tied with it; dividing by `positive * negative` gives the AUC with ties averaged.
struct RankSum {
  private(set) var positive: Double = 0
  private(set) var negative: Double = 0
  private(set) var concordant: Double = 0
  private var groupKey: UInt64 = .max
  private var groupPositive: Double = 0
  private var groupNegative: Double = 0

  /// Adds one row; rows must arrive in ascending `tieKey` order.
  @inline(__always) mutating func add(tieKey: UInt64, isPositive: Bool, weight: Double) {
    if tieKey != groupKey {
      flush()
      groupKey = tieKey
    }
    if isPositive { groupPositive += weight } else { groupNegative += weight }
  }

  /// Closes the open tie group. Call once after the last row.
  mutating func flush() {
    concordant += groupPositive * (negative + 0.5 * groupNegative)
    positive += groupPositive
    negative += groupNegative
    groupPositive = 0
    groupNegative = 0
  }

  /// The AUC, or nil when either class has no weight.
  var auc: Double? {
    positive > 0 && negative > 0 ? concordant / (positive * negative) : nil
  }

  /// Accumulates `entries` (already in ascending score order) and returns the closed sum.
  static func of(
    _ entries: UnsafeBufferPointer<UInt64>, labels: UnsafeBufferPointer<Float>,
    weights: UnsafeBufferPointer<Float>?
  ) -> RankSum {
    var sum = RankSum()
    if let weights {
      for entry in entries {
        let row = ScoreRanking.row(entry)
        sum.add(
          tieKey: ScoreRanking.tieKey(entry), isPositive: labels[row] > 0.5, weight: Double(weights[row]))
      }
    } else {
      for entry in entries {
        sum.add(
          tieKey: ScoreRanking.tieKey(entry), isPositive: labels[ScoreRanking.row(entry)] > 0.5, weight: 1)
      }
    }
    sum.flush()
    return sum
  }
}

/// Calls `body` with a buffer over `array`, or with nil when there is no array.
@inline(__always) func withOptionalBuffer<R>(
  _ array: [Float]?, _ body: (UnsafeBufferPointer<Float>?) throws -> R
) rethrows -> R {
  guard let array else { return try body(nil) }
  return try array.withUnsafeBufferPointer { try body($0) }
}
