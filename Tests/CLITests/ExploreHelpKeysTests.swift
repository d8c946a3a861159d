import Foundation
import PepnetTestSupport
import Testing

/// `pepnet help explore` lists the keys of docs/explorer.md's full key table, which
/// `KeyTableDocTests` holds to the key map: help, documentation and key map agree.
@Suite struct ExploreHelpKeysTests {
  @Test func helpListsEveryRowOfTheDocumentedKeyTable() throws {
    let markdown = try String(
      contentsOf: PepnetProcess.root.appendingPathComponent("docs/explorer.md"), encoding: .utf8)
    let lines = markdown.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "<!-- keys: all -->"))
    let end = try #require(lines[start...].firstIndex(of: "<!-- end keys -->"))
    let rows: [(keys: String, action: String)] = lines[start..<end].compactMap { line in
      guard line.hasPrefix("| "), !line.hasPrefix("| Keys |"), !line.hasPrefix("| --- ") else { return nil }
      let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
      guard cells.count == 2 else { return nil }
      return (
        cells[0].replacingOccurrences(of: "\\|", with: "|"),
        cells[1].replacingOccurrences(of: "\\|", with: "|")
      )
    }
    #expect(rows.count > 20)
    let run = try PepnetProcess.run(["help", "explore"])
    #expect(run.wait() == 0, "\(run.stderr)")
    let help = run.stdout.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    for row in rows {
      #expect(
        help.contains { $0.hasPrefix(row.keys + "  ") && $0.hasSuffix("  " + row.action) },
        "pepnet help explore misses \(row.keys): \(row.action)")
    }
  }
}
