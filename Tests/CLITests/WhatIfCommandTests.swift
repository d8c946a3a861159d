import Foundation
import PepnetTestSupport
import Testing

/// Issue 14 items 5 and 7: the explorer's what-if and compare views (`explore --snapshot --view`)
/// draw the numbers `pepnet rank --edit` and `pepnet gates --edit` print, on the shipped model.
@Suite struct WhatIfCommandTests {
  let model = PepnetProcess.root.appendingPathComponent("sample-data/model").path

  func run(_ arguments: [String]) throws -> String {
    let process = try PepnetProcess(arguments, removing: ["TERM", "NO_COLOR"])
    // A guard against a hang, not a timing: the whole suite in parallel on two loaded cores is slow.
    let status = try process.wait(seconds: 600)
    #expect(status == 0, "\(arguments): \(process.stderr)")
    return process.stdout
  }

  /// `x` with three decimals, rounded as the explorer's `NumberFormat.fixed` rounds.
  func fixed(_ x: Double, _ decimals: Int) -> String {
    let scale = decimals == 3 ? 1000.0 : 100.0
    let n = Int((Float(x) * Float(scale)).rounded())
    let whole = n / Int(scale)
    var fraction = String(n % Int(scale))
    while fraction.count < decimals { fraction = "0" + fraction }
    return "\(whole).\(fraction)"
  }

  /// The ranking pane's rows of a frame: (rank, score as drawn).
  func rankingRows(_ frame: String) -> [(Int, String)] {
    frame.split(separator: "\n").compactMap { line in
      let panes = line.components(separatedBy: "││")
      guard panes.count >= 3 else { return nil }
      let tokens = panes[1].split(separator: " ").map(String.init).filter { $0 != "▶" }
      guard let rank = tokens.first.flatMap({ Int($0) }), let last = tokens.last else { return nil }
      let score = String(last.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "." })
      return score.count == 5 ? (rank, score) : nil
    }
  }

  /// The EPNet pane's rows: field name and gate value as drawn.
  func gateRows(_ frame: String, fields: [String]) -> [String: String] {
    var result: [String: String] = [:]
    for line in frame.split(separator: "\n") {
      let panes = line.components(separatedBy: "││")
      guard panes.count >= 3 else { continue }
      let tokens = panes[2].split(separator: " ").map(String.init)
      // The first row of a field is its gate; the per-element row under the list ("user_id dims") is not.
      guard let name = tokens.first, fields.contains(name), result[name] == nil, tokens.count >= 3 else {
        continue
      }
      result[name] = tokens[tokens.count - 2]
    }
    return result
  }

  @Test func theWhatIfViewDrawsWhatRankAndGatesPrintWithTheEdit() throws {
    let edit = ["--edit", "age=50+", "--edit", "hour=3"]
    let frame = try run(
      [
        "explore", model, "--snapshot", "--view", "whatif", "--user", "u0", "--domain", "featured", "--size",
        "120x40",
      ]
        + edit)
    #expect(frame.contains("WHAT-IF age=50+ hour=3"))
    let rows = rankingRows(frame)
    #expect(rows.count >= 15, "\(frame)")
    func ranked(_ extra: [String]) throws -> [[String: Any]] {
      let json = try run(
        [
          "rank", "--model", model, "--user", "u0", "--domain", "featured", "--task", "long_view", "--top",
          "30", "--json",
        ]
          + extra)
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      return try #require(object?["items"] as? [[String: Any]])
    }
    let edited = try ranked(edit)
    for (rank, score) in rows {
      #expect(fixed(edited[rank - 1]["score"] as! Double, 3) == score, "rank \(rank)")
    }
    let own = try ranked([])
    #expect(
      rows.contains { rank, score in fixed(own[rank - 1]["score"] as! Double, 3) != score },
      "the edit changes the ranking: the comparison can fail")

    // The EPNet pane's gates are those of `gates --edit` for the highlighted item.
    let title = try #require(frame.split(separator: "\n").first { $0.contains("EPNet gates") })
    let item = try #require(title.components(separatedBy: "item ").last?.split(separator: " ").first)
    let gates = try run(
      ["gates", "--model", model, "--user", "u0", "--domain", "featured", "--item", String(item), "--json"]
        + edit)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(gates.utf8)) as? [String: Any])
    let epnet = try #require(object["epnet"] as? [String: [Double]])
    let drawn = gateRows(frame, fields: Array(epnet.keys))
    #expect(drawn.count == epnet.count, "\(drawn)")
    for (field, values) in epnet {
      #expect(drawn[field] == fixed(values.reduce(0, +) / Double(values.count), 2), "\(field)")
    }
  }

  @Test func theCompareViewSummarisesWhatRankPrints() throws {
    let frame = try run([
      "explore", model, "--snapshot", "--view", "compare", "--user", "u3", "--size", "120x40",
    ])
    #expect(frame.contains("PIN u3·double_column") && frame.contains("What changed"))
    func order(_ domain: String) throws -> [String] {
      let json = try run(
        [
          "rank", "--model", model, "--user", "u3", "--domain", domain, "--task", "long_view", "--top", "20",
          "--json",
        ])
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      return try #require(object?["items"] as? [[String: Any]]).map { $0["item"] as! String }
    }
    let overlap = Set(try order("double_column")).intersection(try order("single_column")).count
    #expect(frame.contains("top-20 overlap \(overlap)/20"), "\(frame)")
  }
}
