import Foundation
import PepnetTestSupport
import Testing

/// `explore --precision` (issue 15, item 2): the header names the precision the explorer runs at,
/// and its ranking is `pepnet rank`'s at the same precision, at fp32, at bf16, and at bf16 held to
/// AVX2 (where both fall back to fp32). Five runs of the debug binary: kept to the cases that differ.
@Suite struct ExplorePrecisionTests {
  static let sample = PepnetProcess.root.appendingPathComponent("sample-data/model").path

  /// The header line and the first task's (long_view's) ranked scores as the snapshot prints them.
  func explorer(_ precision: String, environment: [String: String] = [:]) throws -> (
    header: String, scores: [String]
  ) {
    let run = try PepnetProcess.run(
      [
        "explore", Self.sample, "--snapshot", "--user", "u3", "--domain", "featured", "--size", "120x40",
        "--precision", precision,
      ], environment: environment)
    #expect(run.exitStatus == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    let row = try Regex(#"[▶ ] +([0-9]+) [^│]*? ([0-9]\.[0-9]{3})"#)
    var scores: [String] = []
    for line in lines {
      if let m = try row.firstMatch(in: line), let rank = Int(String(m.output[1].substring ?? "")),
        rank == scores.count + 1
      {
        scores.append(String(m.output[2].substring ?? ""))
      }
    }
    return (lines.first ?? "", scores)
  }

  /// `rank --task long_view`'s scores to three decimals, as the explorer shows them.
  func rank(_ precision: String, count: Int, environment: [String: String] = [:]) throws -> [String] {
    let run = try PepnetProcess.run(
      [
        "rank", "--model", Self.sample, "--user", "u3", "--domain", "featured", "--task", "long_view",
        "--top", "\(count)", "--json", "--precision", precision,
      ], environment: environment)
    #expect(run.exitStatus == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let items = try #require(json["items"] as? [[String: Any]])
    return items.map { String(format: "%.3f", $0["score"] as? Double ?? -1) }
  }

  @Test func explorerRanksAsRankDoesAtEveryPrecision() throws {
    let fp32 = try explorer("fp32")
    #expect(fp32.header.contains("· fp32 ·"), "\(fp32.header)")
    #expect(fp32.scores.count >= 15, "ranking rows in the snapshot: \(fp32.scores)")
    #expect(fp32.scores == (try rank("fp32", count: fp32.scores.count)))

    let bf16 = try explorer("bf16")
    let native = bf16.header.contains("· bf16 ·")
    #expect(native || bf16.header.contains("· fp32 ·"), "\(bf16.header)")
    #expect(bf16.scores == (try rank("bf16", count: bf16.scores.count)))
    if native {
      #expect(bf16.scores != fp32.scores, "bf16 moves some long_view score in the third decimal")
    }

    let held = ["ONEDNN_MAX_CPU_ISA": "AVX2"]
    let fallback = try explorer("bf16", environment: held)
    #expect(fallback.header.contains("· fp32 ·"), "\(fallback.header)")
    #expect(fallback.scores == fp32.scores, "held to AVX2, bf16 is fp32, as on rank (PrecisionCommandTests)")
  }
}
