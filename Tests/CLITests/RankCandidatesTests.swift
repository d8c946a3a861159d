import Foundation
import PepnetTestSupport
import Testing

/// Candidates per domain (issue 18 item 8): a bundle trained on a log in which `double_column`
/// never shows the odd-numbered items ranks only the even ones there by default, the whole
/// catalogue with `--candidates all`, and the explorer lists what `rank` ranks. The bundle made
/// before candidate sets (`BundleBeforeTieFixTests`) ranks the whole catalogue.
@Suite(.serialized) struct RankCandidatesTests {
  let scratch: String
  var model: String { scratch + "/model" }

  init() throws {
    scratch =
      FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-candidates-\(UUID().uuidString)")
      .path
    let data = scratch + "/data"
    let generate = try PepnetProcess.run([
      "generate", "--out", data, "--seed", "4", "--users", "20", "--items", "30", "--authors", "6",
      "--impressions", "1500",
    ])
    try #require(generate.exitStatus == 0, "\(generate.stderr)")
    try Self.dropOddItems(inDomain: "double_column", of: data + "/train.csv")
    let train = try PepnetProcess.run([
      "train", "--data", data, "--out", model, "--epochs", "1", "--threads", "1", "--batch-size", "64",
      "--emb-dim", "4", "--tower", "8", "--gate-hidden", "4", "--no-checkpoint",
    ])
    try #require(train.exitStatus == 0, "\(train.stderr)")
  }

  /// Removes the train rows that show an item with an odd number in `domain`.
  static func dropOddItems(inDomain domain: String, of path: String) throws {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let itemColumn = try #require(header.firstIndex(of: "item_id"))
    let domainColumn = try #require(header.firstIndex(of: "domain"))
    let kept = lines.dropFirst().filter { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return !(fields[domainColumn] == domain && isOdd(String(fields[itemColumn])))
    }
    #expect(kept.count < lines.count - 1, "the log shows odd items in \(domain)")
    try ([lines[0]] + kept).joined(separator: "\n").appending("\n").write(
      toFile: path, atomically: true, encoding: .utf8)
  }

  /// How many distinct items the train split shows in `domain`.
  func itemsSeen(inDomain domain: String) throws -> Int {
    let lines = try String(contentsOfFile: scratch + "/data/train.csv", encoding: .utf8).split(
      separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    let itemColumn = try #require(header.firstIndex(of: "item_id"))
    let domainColumn = try #require(header.firstIndex(of: "domain"))
    let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    return Set(rows.filter { $0[domainColumn] == domain }.map { $0[itemColumn] }).count
  }

  static func isOdd(_ item: String) -> Bool { (Int(item.drop { !$0.isNumber }) ?? 0) % 2 == 1 }

  func rank(_ extra: [String], domain: String = "double_column") throws -> [String: Any] {
    let run = try PepnetProcess.run(
      ["rank", "--model", model, "--user", "u0", "--domain", domain, "--top", "30", "--json"] + extra)
    #expect(run.exitStatus == 0, "\(run.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  func ids(_ output: [String: Any]) -> [String] {
    (output["items"] as? [[String: Any]] ?? []).compactMap { $0["item"] as? String }
  }

  @Test func ranksWithinTheDomainByDefaultAndAllOnRequest() throws {
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let domain = try rank([])
    #expect(domain["candidates"] as? String == "domain")
    let seen = ids(domain)
    #expect(!seen.isEmpty && seen.allSatisfy { !Self.isOdd($0) }, "\(seen)")
    #expect(domain["candidate_count"] as? Int == seen.count)

    let all = try rank(["--candidates", "all"])
    #expect(all["candidates"] as? String == "all")
    #expect(all["candidate_count"] as? Int == 30)
    #expect(ids(all).contains { Self.isOdd($0) })
    // Within the domain the order is the whole catalogue's, without the unseen items.
    #expect(ids(all).filter { !Self.isOdd($0) } == seen)
    // Only the candidates are scored, and their scores are the whole catalogue's, bit for bit
    // (the JSON numbers are the shortest text of each float), with own and with average gates.
    #expect(scoredItems(all).filter { !Self.isOdd($0.item) } == scoredItems(domain))
    let averageAll = try rank(["--candidates", "all", "--gates", "average"])
    let average = try rank(["--gates", "average"])
    #expect(!scoredItems(average).isEmpty)
    #expect(scoredItems(averageAll).filter { !Self.isOdd($0.item) } == scoredItems(average))

    // Another domain's candidates are the items its train rows show.
    #expect(
      try rank([], domain: "featured")["candidate_count"] as? Int == (try itemsSeen(inDomain: "featured")))

    let text = try PepnetProcess.run([
      "rank", "--model", model, "--user", "u0", "--domain", "double_column", "--top", "3",
    ])
    #expect(
      text.stdout.hasPrefix(
        "top 3 for user u0 in double_column among the \(seen.count) items seen in double_column,"))

    try explorerListsWhatRankRanks(rankedScores: scoresText(try rank(["--task", "long_view"])))
  }

  /// Each listed item with its blended score and every task's, as the JSON spells them.
  func scoredItems(_ output: [String: Any]) -> [ScoredItem] {
    (output["items"] as? [[String: Any]] ?? []).map { entry in
      let tasks = (entry["scores"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
      return ScoredItem(
        item: entry["item"] as? String ?? "",
        scores: ([entry["score"] as? Double] + tasks.map { $0.value as? Double }).map { "\($0 ?? .nan)" }
          .joined(separator: " "))
    }
  }

  struct ScoredItem: Equatable {
    var item: String
    var scores: String
  }

  func scoresText(_ output: [String: Any]) -> [String] {
    (output["items"] as? [[String: Any]] ?? []).map { String(format: "%.3f", $0["score"] as? Double ?? -1) }
  }

  /// The explorer's long_view list (its first tab) is `rank --task long_view`'s, and says so.
  func explorerListsWhatRankRanks(rankedScores: [String]) throws {
    let run = try PepnetProcess.run([
      "explore", model, "--snapshot", "--user", "u0", "--domain", "double_column", "--size", "120x40",
    ])
    #expect(run.exitStatus == 0, "\(run.stderr)")
    #expect(run.stdout.contains("candidates: seen in double_column"), "\(run.stdout)")
    let row = try Regex(#"[▶ ] +([0-9]+) [^│]*? ([0-9]\.[0-9]{3})"#)
    var scores: [String] = []
    for line in run.stdout.split(separator: "\n").map(String.init) {
      if let m = try row.firstMatch(in: line), let rank = Int(String(m.output[1].substring ?? "")),
        rank == scores.count + 1
      {
        scores.append(String(m.output[2].substring ?? ""))
      }
    }
    #expect(
      !scores.isEmpty && scores == Array(rankedScores.prefix(scores.count)), "\(scores) vs \(rankedScores)")
  }
}
