/// Group AUC: the per-user AUC averaged with each user's impression count as its weight.
///
/// `GAUC = sum_u n_u * AUC_u / sum_u n_u`, where `n_u` is the user's number of rows (the sum of the
/// user's weights when weights are given) and `AUC_u` is `AUC` on the user's rows alone. Users whose
/// rows are all one class have no AUC and are skipped (they enter neither sum). It measures how well
/// the model orders items *within* a user, which is what a feed ranks, free of the between-user
/// differences that a global AUC rewards.
///
/// Rows are sorted once by score and then bucketed by user with a stable counting sort, so each
/// user's rows stay in score order: O(n log n) overall, no per-user arrays.
///
/// Returns nil when no user has both classes.
public enum GAUC {
  public static func compute(
    scores: [Float], labels: [Float], users: [Int32], weights: [Float]? = nil
  ) -> Double? {
    precondition(scores.count == labels.count, "GAUC: \(scores.count) scores but \(labels.count) labels")
    precondition(scores.count == users.count, "GAUC: \(scores.count) scores but \(users.count) users")
    precondition(weights.map { $0.count == scores.count } ?? true, "GAUC: weights count differs from scores")
    let ranking = scores.withUnsafeBufferPointer { ScoreRanking(scores: $0) }
    return ranking.entries.withUnsafeBufferPointer { entries in
      labels.withUnsafeBufferPointer { labels in
        users.withUnsafeBufferPointer { users in
          withOptionalBuffer(weights) { weights in
            ranked(entries, labels: labels, users: users, weights: weights)
          }
        }
      }
    }
  }

  /// GAUC of `entries` (rows in ascending score order, see `ScoreRanking`).
  static func ranked(
    _ entries: UnsafeBufferPointer<UInt64>, labels: UnsafeBufferPointer<Float>,
    users: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Float>?
  ) -> Double? {
    rankedCountingUsers(entries, labels: labels, users: users, weights: weights).gauc
  }

  /// GAUC of `entries` and the number of users it rests on (those with both classes): a GAUC over
  /// 16 users of 268 says less than its digits suggest.
  static func rankedCountingUsers(
    _ entries: UnsafeBufferPointer<UInt64>, labels: UnsafeBufferPointer<Float>,
    users: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Float>?
  ) -> (gauc: Double?, users: Int) {
    guard !entries.isEmpty else { return (nil, 0) }
    let (bucket, bucketCount) = denseUserBuckets(entries, users: users)
    // Stable counting sort of the entries by user bucket.
    var start = [Int](repeating: 0, count: bucketCount + 1)
    for b in bucket { start[Int(b) + 1] += 1 }
    for b in 0..<bucketCount { start[b + 1] += start[b] }
    var next = start
    var grouped = [UInt64](repeating: 0, count: entries.count)
    for (i, entry) in entries.enumerated() {
      let b = Int(bucket[i])
      grouped[next[b]] = entry
      next[b] += 1
    }
    var weighted = 0.0
    var totalWeight = 0.0
    var counted = 0
    grouped.withUnsafeBufferPointer { grouped in
      for b in 0..<bucketCount where start[b + 1] - start[b] > 1 {
        let rows = UnsafeBufferPointer(rebasing: grouped[start[b]..<start[b + 1]])
        let sum = RankSum.of(rows, labels: labels, weights: weights)
        guard let auc = sum.auc else { continue }
        let userWeight = sum.positive + sum.negative
        weighted += userWeight * auc
        totalWeight += userWeight
        counted += 1
      }
    }
    return (totalWeight > 0 ? weighted / totalWeight : nil, counted)
  }

  /// A dense bucket number in `0..<count` per entry, one per distinct user. Users are usually
  /// vocabulary indices (a small range) and are offset directly; a sparse range is renumbered.
  private static func denseUserBuckets(
    _ entries: UnsafeBufferPointer<UInt64>, users: UnsafeBufferPointer<Int32>
  ) -> (bucket: [Int32], count: Int) {
    var low = Int32.max
    var high = Int32.min
    for entry in entries {
      let user = users[ScoreRanking.row(entry)]
      low = min(low, user)
      high = max(high, user)
    }
    let span = Int(high) - Int(low) + 1
    if span <= 2 * entries.count + 1024 {
      let bucket = entries.map { Int32(truncatingIfNeeded: Int(users[ScoreRanking.row($0)]) - Int(low)) }
      return (bucket, span)
    }
    var dense: [Int32: Int32] = [:]
    let bucket = entries.map { entry -> Int32 in
      let user = users[ScoreRanking.row(entry)]
      if let b = dense[user] { return b }
      let b = Int32(dense.count)
      dense[user] = b
      return b
    }
    return (bucket, dense.count)
  }
}
