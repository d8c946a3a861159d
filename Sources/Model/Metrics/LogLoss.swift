#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// Mean binary cross-entropy of predicted probabilities: `-mean(y log p + (1 - y) log(1 - p))`.
///
/// Probabilities are clamped to `[epsilon, 1 - epsilon]` so a confident mistake costs at most
/// `-log(epsilon)` (about 16.1) instead of infinity. With weights the mean is weighted. Labels may be
/// soft (any value in [0, 1]). A NaN probability propagates to a NaN result (it is not hidden).
///
/// Returns nil when there are no rows or the weights sum to zero.
public enum LogLoss {
  public static let epsilon = 1e-7

  public static func compute(probabilities: [Float], labels: [Float], weights: [Float]? = nil) -> Double? {
    precondition(
      probabilities.count == labels.count,
      "LogLoss: \(probabilities.count) probabilities but \(labels.count) labels")
    precondition(
      weights.map { $0.count == labels.count } ?? true, "LogLoss: weights count differs from labels")
    var total = 0.0
    var weightSum = 0.0
    for i in 0..<labels.count {
      let w = weights.map { Double($0[i]) } ?? 1
      total += w * loss(probability: probabilities[i], label: labels[i])
      weightSum += w
    }
    return weightSum > 0 ? total / weightSum : nil
  }

  /// The clamped cross-entropy of one row.
  @inline(__always) static func loss(probability: Float, label: Float) -> Double {
    let p = Double(probability)
    if p.isNaN { return .nan }
    let clamped = min(max(p, epsilon), 1 - epsilon)
    let y = Double(label)
    return -(y * log(clamped) + (1 - y) * log(1 - clamped))
  }
}
