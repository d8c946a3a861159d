/// AUC, GAUC and log-loss of a model's predictions per (domain, task) and per task over all domains.
///
/// Built from whole-split arrays, row-major `N x T` for the per-task ones. A label mask of 0 marks a
/// missing label: that row is left out of that task's metrics (and only that task's). GAUC within a
/// domain groups a user's rows in that domain; over all domains it groups all of the user's rows.
/// Each task's rows are sorted by score once; domain slices are cut from that order, so the cost is
/// O(T n log n).
public struct EvaluationReport: Codable, Sendable, Equatable {
  public var domains: [String]
  public var tasks: [String]
  public var hasOracle: Bool
  /// For each task in order: one slice per domain in order, then the all-domains slice.
  public var slices: [SliceMetrics]

  public init(domains: [String], tasks: [String], hasOracle: Bool, slices: [SliceMetrics]) {
    self.domains = domains
    self.tasks = tasks
    self.hasOracle = hasOracle
    self.slices = slices
  }

  /// Evaluates predicted probabilities `scores` against `labels`.
  /// - Parameters:
  ///   - scores, labels, labelMask: `N x T`, row-major; a label is positive when above 0.5.
  ///   - domains: each row's domain index into `domainNames`.
  ///   - users: each row's user index (any integers; only equality matters).
  ///   - oracle: optional `N x T` true probabilities.
  public init(
    scores: [Float], labels: [Float], labelMask: [Float], domains rowDomains: [Int32], users: [Int32],
    domainNames: [String], taskNames: [String], oracle: [Float]? = nil
  ) {
    let rowCount = rowDomains.count
    let taskCount = taskNames.count
    precondition(scores.count == rowCount * taskCount, "EvaluationReport: scores must be N x T")
    precondition(labels.count == scores.count, "EvaluationReport: labels must be N x T")
    precondition(labelMask.count == scores.count, "EvaluationReport: labelMask must be N x T")
    precondition(users.count == rowCount, "EvaluationReport: users must have N entries")
    precondition(oracle.map { $0.count == scores.count } ?? true, "EvaluationReport: oracle must be N x T")
    precondition(
      rowDomains.allSatisfy { $0 >= 0 && Int($0) < domainNames.count },
      "EvaluationReport: a domain index is outside 0..<\(domainNames.count)")

    var slices: [SliceMetrics] = []
    for (t, task) in taskNames.enumerated() {
      let rows = (0..<rowCount).filter { labelMask[$0 * taskCount + t] != 0 }
      let column = TaskColumn(
        scores: rows.map { scores[$0 * taskCount + t] }, labels: rows.map { labels[$0 * taskCount + t] },
        users: rows.map { users[$0] }, domains: rows.map { rowDomains[$0] }, domainCount: domainNames.count)
      let ranked = column.rankedMetrics(of: column.scores)
      let oracleRanked = oracle.map { oracle in
        column.rankedMetrics(of: rows.map { oracle[$0 * taskCount + t] })
      }
      let counts = column.pointwiseMetrics()
      for d in 0...domainNames.count {
        slices.append(
          SliceMetrics(
            domain: d < domainNames.count ? domainNames[d] : nil, task: task,
            auc: finite(ranked[d].auc), gauc: finite(ranked[d].gauc), logLoss: finite(counts[d].logLoss),
            positives: counts[d].positives, impressions: counts[d].impressions,
            oracleAUC: finite(oracleRanked?[d].auc), oracleGAUC: finite(oracleRanked?[d].gauc),
            nanScores: counts[d].nanScores, gaucUsers: ranked[d].gaucUsers))
      }
    }
    self.init(domains: domainNames, tasks: taskNames, hasOracle: oracle != nil, slices: slices)
  }

  /// The slice of `task` in `domain` (nil: all domains).
  public func slice(domain: String?, task: String) -> SliceMetrics? {
    slices.first { $0.domain == domain && $0.task == task }
  }
}

@inline(__always) private func finite(_ x: Double?) -> Double? {
  guard let x, x.isFinite else { return nil }
  return x
}

/// One task's labelled rows, compacted (masked rows dropped), with their users and domains.
private struct TaskColumn {
  let scores: [Float]
  let labels: [Float]
  let users: [Int32]
  let domains: [Int32]
  let domainCount: Int

  /// AUC and GAUC of `values` per domain, then over all domains (index `domainCount`).
  func rankedMetrics(of values: [Float]) -> [(auc: Double?, gauc: Double?, gaucUsers: Int)] {
    let ranking = values.withUnsafeBufferPointer { ScoreRanking(scores: $0) }
    // Stable counting sort by domain keeps each domain's entries in score order.
    var start = [Int](repeating: 0, count: domainCount + 1)
    for d in domains { start[Int(d) + 1] += 1 }
    for d in 0..<domainCount { start[d + 1] += start[d] }
    var next = start
    var byDomain = [UInt64](repeating: 0, count: ranking.entries.count)
    for entry in ranking.entries {
      let d = Int(domains[ScoreRanking.row(entry)])
      byDomain[next[d]] = entry
      next[d] += 1
    }
    return labels.withUnsafeBufferPointer { labels in
      users.withUnsafeBufferPointer { users in
        func metrics(_ entries: UnsafeBufferPointer<UInt64>) -> (auc: Double?, gauc: Double?, gaucUsers: Int)
        {
          let gauc = GAUC.rankedCountingUsers(entries, labels: labels, users: users, weights: nil)
          return (RankSum.of(entries, labels: labels, weights: nil).auc, gauc.gauc, gauc.users)
        }
        var result = byDomain.withUnsafeBufferPointer { byDomain in
          (0..<domainCount).map { d in
            metrics(UnsafeBufferPointer(rebasing: byDomain[start[d]..<start[d + 1]]))
          }
        }
        result.append(ranking.entries.withUnsafeBufferPointer { metrics($0) })
        return result
      }
    }
  }

  /// Log-loss, positives, impressions and NaN scores per domain, then over all domains.
  func pointwiseMetrics() -> [(logLoss: Double?, positives: Int, impressions: Int, nanScores: Int)] {
    var loss = [Double](repeating: 0, count: domainCount + 1)
    var positives = [Int](repeating: 0, count: domainCount + 1)
    var impressions = [Int](repeating: 0, count: domainCount + 1)
    var nanScores = [Int](repeating: 0, count: domainCount + 1)
    for i in 0..<scores.count {
      let d = Int(domains[i])
      let rowLoss = LogLoss.loss(probability: scores[i], label: labels[i])
      let positive = labels[i] > 0.5 ? 1 : 0
      let nan = scores[i].isNaN ? 1 : 0
      loss[d] += rowLoss
      positives[d] += positive
      impressions[d] += 1
      nanScores[d] += nan
    }
    // The all-domains slot sums the domains (the same rows).
    for d in 0..<domainCount {
      loss[domainCount] += loss[d]
      positives[domainCount] += positives[d]
      impressions[domainCount] += impressions[d]
      nanScores[domainCount] += nanScores[d]
    }
    return (0...domainCount).map { slot in
      (
        impressions[slot] > 0 ? loss[slot] / Double(impressions[slot]) : nil, positives[slot],
        impressions[slot],
        nanScores[slot]
      )
    }
  }
}
