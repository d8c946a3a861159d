import Foundation
import PepnetNumerics
import Testing

@testable import PepnetModel

@Suite struct MetricsTests {
  // MARK: AUC

  @Test func aucOfASmallCase() throws {
    // Positives 0.35 and 0.8, negatives 0.1 and 0.4. Pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4;
    // lost: 0.35<0.4. AUC = 3/4.
    let auc = try #require(AUC.compute(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1]))
    #expect(abs(auc - 0.75) < 1e-12)
  }

  @Test func aucCountsATiedPairAsHalf() throws {
    // Positives 0.5 and 0.9; negatives 0.2, 0.5, 0.5.
    // 0.5(+): beats 0.2 (1), ties both 0.5 negatives (0.5 + 0.5) = 2; 0.9(+): beats all 3 = 3.
    // AUC = (2 + 3) / (2 * 3) = 5/6.
    let auc = try #require(AUC.compute(scores: [0.2, 0.5, 0.5, 0.5, 0.9], labels: [0, 1, 0, 0, 1]))
    #expect(abs(auc - 5.0 / 6.0) < 1e-12)
    // Every score equal: every pair is a tie, AUC = 1/2.
    #expect(AUC.compute(scores: [0.3, 0.3, 0.3], labels: [1, 0, 0]) == 0.5)
    // -0 and +0 are the same score.
    #expect(AUC.compute(scores: [-0.0, 0.0], labels: [1, 0]) == 0.5)
  }

  @Test func aucRanksNaNAboveEverything() {
    #expect(AUC.compute(scores: [.nan, 0.5, 2], labels: [1, 0, 0]) == 1)
    #expect(AUC.compute(scores: [.nan, .nan], labels: [1, 0]) == 0.5)
  }

  @Test func aucIsNilForASingleClass() {
    #expect(AUC.compute(scores: [0.1, 0.9, 0.5], labels: [1, 1, 1]) == nil)
    #expect(AUC.compute(scores: [0.1, 0.9], labels: [0, 0]) == nil)
    #expect(AUC.compute(scores: [], labels: []) == nil)
    // A class present only with zero weight does not count.
    #expect(AUC.compute(scores: [0.1, 0.9], labels: [0, 1], weights: [1, 0]) == nil)
  }

  @Test func weightedAUCByHand() throws {
    // Scores [0.1, 0.4, 0.35, 0.8], labels [0, 0, 1, 1], weights [2, 1, 1, 3].
    // Positive 0.35 (w 1): beats 0.1 (w 2) -> 1*2 = 2; loses to 0.4 -> 0.
    // Positive 0.8 (w 3): beats 0.1 and 0.4 (w 2 + 1) -> 3*3 = 9.
    // Positive weight 4, negative weight 3: AUC = (2 + 9) / (4 * 3) = 11/12.
    let auc = try #require(
      AUC.compute(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1], weights: [2, 1, 1, 3]))
    #expect(abs(auc - 11.0 / 12.0) < 1e-12)
    let duplicated = try #require(
      AUC.compute(scores: [0.1, 0.1, 0.4, 0.35, 0.8, 0.8, 0.8], labels: [0, 0, 0, 1, 1, 1, 1]))
    #expect(abs(duplicated - 11.0 / 12.0) < 1e-12)
  }

  @Test func integerWeightsEqualDuplicatedRows() throws {
    var rng = SeededRNG(seed: 7)
    for size in [3, 20, 200] {
      let data = RandomRows(size: size, rng: &rng)
      let weights = (0..<size).map { _ in Float(rng.below(4)) }
      var scores: [Float] = []
      var labels: [Float] = []
      var users: [Int32] = []
      for i in 0..<size {
        for _ in 0..<Int(weights[i]) {
          scores.append(data.scores[i])
          labels.append(data.labels[i])
          users.append(data.users[i])
        }
      }
      let weighted = AUC.compute(scores: data.scores, labels: data.labels, weights: weights)
      let expanded = AUC.compute(scores: scores, labels: labels)
      #expect(close(weighted, expanded), "size \(size)")
      let weightedG = GAUC.compute(
        scores: data.scores, labels: data.labels, users: data.users, weights: weights)
      let expandedG = GAUC.compute(scores: scores, labels: labels, users: users)
      #expect(close(weightedG, expandedG), "size \(size)")
    }
  }

  @Test func aucEqualsBruteForcePairCountWithManyTies() {
    var rng = SeededRNG(seed: 42)
    for size in [1, 2, 5, 17, 100, 500] {
      for levels in [2, 5, 1000] {
        let data = RandomRows(size: size, levels: levels, rng: &rng)
        let weights = (0..<size).map { _ in rng.uniform() * 2 }
        #expect(close(AUC.compute(scores: data.scores, labels: data.labels), bruteForceAUC(data)))
        #expect(
          close(
            AUC.compute(scores: data.scores, labels: data.labels, weights: weights),
            bruteForceAUC(data, weights: weights)))
      }
    }
  }

  // MARK: GAUC

  @Test func gaucSkipsSingleClassUsersAndWeightsByImpressions() throws {
    // User 10: scores [0.1, 0.4, 0.35, 0.8] labels [0, 0, 1, 1] -> AUC 3/4 (as above), 4 rows.
    // User 20: scores [0.3, 0.6] labels [1, 0] -> the positive is below: AUC 0, 2 rows.
    // User 30: all positive -> skipped.
    // GAUC = (4 * 0.75 + 2 * 0) / (4 + 2) = 0.5. Rows of the users are interleaved.
    let scores: [Float] = [0.1, 0.3, 0.5, 0.4, 0.6, 0.35, 0.7, 0.8, 0.2]
    let labels: [Float] = [0, 1, 1, 0, 0, 1, 1, 1, 1]
    let users: [Int32] = [10, 20, 30, 10, 20, 10, 30, 10, 30]
    let gauc = try #require(GAUC.compute(scores: scores, labels: labels, users: users))
    #expect(abs(gauc - 0.5) < 1e-12)
    // Sparse user ids (renumbered through a dictionary) give the same answer.
    let sparse = users.map { $0 == 10 ? Int32.min : $0 == 20 ? Int32.max : 0 }
    #expect(GAUC.compute(scores: scores, labels: labels, users: sparse) == gauc)
    // Weighted: user 10 with weights [2, 1, 1, 3] has AUC 11/12 and weight 7; user 20 with
    // weights [1, 1] has AUC 0 and weight 2. GAUC = 7 * (11/12) / 9 = 77/108.
    let weights: [Float] = [2, 1, 5, 1, 1, 1, 5, 3, 5]
    let weighted = try #require(GAUC.compute(scores: scores, labels: labels, users: users, weights: weights))
    #expect(abs(weighted - 77.0 / 108.0) < 1e-12)
  }

  @Test func gaucIsNilWhenNoUserHasBothClasses() {
    #expect(GAUC.compute(scores: [0.1, 0.9, 0.5], labels: [1, 0, 1], users: [1, 2, 3]) == nil)
    #expect(GAUC.compute(scores: [], labels: [], users: []) == nil)
  }

  @Test func gaucEqualsBruteForcePerUserAverage() {
    var rng = SeededRNG(seed: 3)
    for size in [1, 10, 300, 2000] {
      let data = RandomRows(size: size, levels: 4, userCount: max(1, size / 8), rng: &rng)
      var weighted = 0.0
      var total = 0.0
      for user in Set(data.users) {
        let rows = data.users.indices.filter { data.users[$0] == user }
        let sub = RandomRows(
          scores: rows.map { data.scores[$0] }, labels: rows.map { data.labels[$0] },
          users: rows.map { _ in user })
        if let auc = bruteForceAUC(sub) {
          weighted += Double(rows.count) * auc
          total += Double(rows.count)
        }
      }
      let expected = total > 0 ? weighted / total : nil
      #expect(close(GAUC.compute(scores: data.scores, labels: data.labels, users: data.users), expected))
    }
  }

  // MARK: Log-loss

  @Test func logLossByHand() throws {
    // -(ln 0.9 + ln 0.8 + ln 0.4) / 3 = (0.1053605 + 0.2231436 + 0.9162907) / 3 = 0.4149316
    let plain = try #require(LogLoss.compute(probabilities: [0.9, 0.2, 0.6], labels: [1, 0, 0]))
    #expect(abs(plain - 0.4149316) < 1e-6)
    // Weights [1, 2, 1]: (0.1053605 + 2 * 0.2231436 + 0.9162907) / 4 = 0.3669846
    let weighted = try #require(
      LogLoss.compute(probabilities: [0.9, 0.2, 0.6], labels: [1, 0, 0], weights: [1, 2, 1]))
    #expect(abs(weighted - 0.3669846) < 1e-6)
    // A certain mistake is clamped at -ln(1e-7) = 16.1180957; a certain hit costs ~1e-7.
    let clamped = try #require(LogLoss.compute(probabilities: [0, 1], labels: [1, 1]))
    #expect(abs(clamped - (16.1180957 + 1e-7) / 2) < 1e-6)
    #expect(LogLoss.compute(probabilities: [], labels: []) == nil)
    #expect(LogLoss.compute(probabilities: [0.5], labels: [1], weights: [0]) == nil)
  }

  // MARK: Report

  /// Six rows, tasks (click, like), domains (a, b). Two labels are masked out, each chosen so that
  /// including it would change its slice's AUC.
  ///
  ///     row domain user  click(score,label,mask)  like(score,label,mask)
  ///     0   a      1     0.9  1  1                0.1   0  1
  ///     1   a      1     0.2  0  1                0.8   1  1
  ///     2   a      2     0.6  0  1                0.95  0  0   (would make like/a AUC 0.5)
  ///     3   b      2     0.3  1  1                0.4   0  1
  ///     4   b      3     0.7  0  0                0.9   1  1   (would make click/b AUC 0.5)
  ///     5   b      3     0.1  0  1                0.2   0  1
  private func sampleReport(oracle: Bool) -> EvaluationReport {
    let scores: [Float] = [0.9, 0.1, 0.2, 0.8, 0.6, 0.95, 0.3, 0.4, 0.7, 0.9, 0.1, 0.2]
    return EvaluationReport(
      scores: scores,
      labels: [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0],
      labelMask: [1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1],
      domains: [0, 0, 0, 1, 1, 1], users: [1, 1, 2, 2, 3, 3],
      domainNames: ["a", "b"], taskNames: ["click", "like"],
      oracle: oracle ? scores.map { 1 - $0 } : nil)
  }

  @Test func reportSlicesExcludeMaskedLabels() throws {
    let report = sampleReport(oracle: true)
    #expect(
      report.slices.map { "\($0.task)/\($0.domain ?? "*")" } == [
        "click/a", "click/b", "click/*", "like/a", "like/b", "like/*",
      ])
    // click/a: rows 0, 1, 2; the positive 0.9 beats 0.2 and 0.6 -> AUC 1. User 1 (rows 0, 1): AUC 1;
    // user 2 has one row -> GAUC 1.
    let clickA = try #require(report.slice(domain: "a", task: "click"))
    #expect(clickA.auc == 1 && clickA.gauc == 1 && clickA.impressions == 3 && clickA.positives == 1)
    // click/b: rows 3, 5 (row 4 masked) -> AUC 1; every user has one row -> GAUC nil.
    // Log-loss: (-ln 0.3 - ln 0.9) / 2 = (1.2039728 + 0.1053605) / 2 = 0.6546667.
    let clickB = try #require(report.slice(domain: "b", task: "click"))
    #expect(clickB.auc == 1 && clickB.gauc == nil && clickB.impressions == 2 && clickB.positives == 1)
    #expect(abs(try #require(clickB.logLoss) - 0.6546667) < 1e-6)
    // click over all domains: rows 0, 1, 2, 3, 5. Positives 0.9 (beats 3) and 0.3 (beats 0.2, 0.1,
    // loses to 0.6): AUC 5/6. Users: 1 -> AUC 1 (2 rows), 2 -> rows 2, 3: 0.3(+) < 0.6(-) -> 0
    // (2 rows), 3 -> one row, skipped. GAUC = (2 * 1 + 2 * 0) / 4 = 0.5.
    let click = try #require(report.slice(domain: nil, task: "click"))
    #expect(abs(try #require(click.auc) - 5.0 / 6.0) < 1e-12)
    #expect(click.gauc == 0.5 && click.impressions == 5 && click.positives == 2)
    // The oracle here is 1 - score, which reverses every order (no ties): AUC 1/6.
    #expect(abs(try #require(click.oracleAUC) - 1.0 / 6.0) < 1e-12)
    #expect(click.oracleGAUC == 0.5)
    // like/a: rows 0, 1 (row 2 masked) -> AUC 1.
    let likeA = try #require(report.slice(domain: "a", task: "like"))
    #expect(likeA.auc == 1 && likeA.impressions == 2)
    let like = try #require(report.slice(domain: nil, task: "like"))
    #expect(like.auc == 1 && like.gauc == 1 && like.impressions == 5 && like.positives == 2)
    #expect(sampleReport(oracle: false).slices.allSatisfy { $0.oracleAUC == nil && $0.oracleGAUC == nil })
  }

  @Test func reportRoundTripsThroughJSON() throws {
    let report = sampleReport(oracle: true)
    let data = try JSONEncoder().encode(report)
    #expect(try JSONDecoder().decode(EvaluationReport.self, from: data) == report)
    // NaN scores make no NaN metric (JSON has no NaN); they are counted instead.
    let nanReport = EvaluationReport(
      scores: [.nan, 0.5], labels: [1, 0], labelMask: [1, 1], domains: [0, 0], users: [0, 0],
      domainNames: ["a"], taskNames: ["t"])
    #expect(nanReport.slices[0].logLoss == nil && nanReport.slices[0].nanScores == 1)
    _ = try JSONEncoder().encode(nanReport)
  }

  /// Issue 18, item 9: the all-domains slice writes `"domain": null` (docs/cli.md), and each slice
  /// says how many users its GAUC rests on (`gauc_users`).
  @Test func reportJSONWritesNullDomainsAndGAUCUsers() throws {
    let data = try JSONEncoder().encode(sampleReport(oracle: false))
    let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    let slices = try #require(json["slices"] as? [[String: Any]])
    #expect(slices.map { $0["domain"] is NSNull } == [false, false, true, false, false, true])
    #expect(slices.map { $0["gauc_users"] as? Int } == [1, 0, 2, 1, 1, 2])
    // A report written before the count decodes, without it.
    var old = json
    old["slices"] = slices.map { $0.filter { $0.key != "gauc_users" } }
    let decoded = try JSONDecoder().decode(
      EvaluationReport.self, from: JSONSerialization.data(withJSONObject: old))
    #expect(decoded.slices.allSatisfy { $0.gaucUsers == nil })
  }

  @Test func reportTable() {
    let table = sampleReport(oracle: true).table()
    let expected = """
      domain  task      AUC    GAUC  users  logloss  pos  n  oracle AUC
      a       click  1.0000  1.0000      1   0.4149    1  3      0.0000
      b       click  1.0000       -      0   0.6547    1  2      0.0000
      (all)   click  0.8333  0.5000      2   0.5108    2  5      0.1667
      a       like   1.0000  1.0000      1   0.1643    1  2      0.0000
      b       like   1.0000  1.0000      1   0.2798    1  3      0.0000
      (all)   like   1.0000  1.0000      2   0.2336    2  5      0.0000

      """
    #expect(table == expected)
  }
}

// MARK: Helpers

/// Random rows with scores on `levels` distinct values (few levels: many ties).
private struct RandomRows {
  var scores: [Float]
  var labels: [Float]
  var users: [Int32]

  init(scores: [Float], labels: [Float], users: [Int32]) {
    self.scores = scores
    self.labels = labels
    self.users = users
  }

  init(size: Int, levels: Int = 3, userCount: Int = 4, rng: inout SeededRNG) {
    scores = (0..<size).map { _ in Float(rng.below(levels)) / Float(levels) }
    labels = (0..<size).map { _ in rng.uniform() < 0.4 ? 1 : 0 }
    users = (0..<size).map { _ in Int32(rng.below(userCount)) }
  }
}

/// AUC by comparing every positive with every negative.
private func bruteForceAUC(_ data: RandomRows, weights: [Float]? = nil) -> Double? {
  var won = 0.0
  var pos = 0.0
  var neg = 0.0
  for i in data.scores.indices {
    let wi = Double(weights?[i] ?? 1)
    if data.labels[i] == 1 { pos += wi } else { neg += wi }
    guard data.labels[i] == 1 else { continue }
    for j in data.scores.indices where data.labels[j] == 0 {
      let wj = Double(weights?[j] ?? 1)
      if data.scores[i] > data.scores[j] {
        won += wi * wj
      } else if data.scores[i] == data.scores[j] {
        won += 0.5 * wi * wj
      }
    }
  }
  return pos > 0 && neg > 0 ? won / (pos * neg) : nil
}

private func close(_ a: Double?, _ b: Double?) -> Bool {
  switch (a, b) {
  case (nil, nil): return true
  case (let a?, let b?): return abs(a - b) < 1e-9
  default: return false
  }
}
