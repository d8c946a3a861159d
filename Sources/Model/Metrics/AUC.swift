/// Exact area under the ROC curve.
///
/// The AUC is the probability that a random positive scores above a random negative, with a tied
/// positive/negative pair counting one half (the "averaged rank" convention). With weights, each
/// pair counts `w_pos * w_neg`. Computed with one sort and one pass: O(n log n).
///
/// A label is positive when it is greater than 0.5. Weights must be non-negative.
/// NaN scores tie with each other above every other score.
///
/// Returns nil (not NaN) when the AUC is undefined: no positive or no negative weight.
public enum AUC {
  public static func compute(scores: [Float], labels: [Float], weights: [Float]? = nil) -> Double? {
    precondition(scores.count == labels.count, "AUC: \(scores.count) scores but \(labels.count) labels")
    precondition(weights.map { $0.count == scores.count } ?? true, "AUC: weights count differs from scores")
    let ranking = scores.withUnsafeBufferPointer { ScoreRanking(scores: $0) }
    return ranking.entries.withUnsafeBufferPointer { entries in
      labels.withUnsafeBufferPointer { labels in
        withOptionalBuffer(weights) { weights in
          RankSum.of(entries, labels: labels, weights: weights).auc
        }
      }
    }
  }
}
