import Foundation
import Testing

@testable import PepnetData

/// The parts of `pepnet import` that decide what the dataset holds: one side value per id, the
/// split of each row, and CSV that reads back as written.
@Suite struct ImportTests {
  @Test func sideTableKeepsTheMostCommonValueAndCountsConflicts() {
    var table = LogSideTable(columns: ["age", "city"])
    let missing: (String) -> Bool = { $0 == "NA" }
    table.add(id: "u1", values: ["30s", "rome"], isMissing: missing)
    table.add(id: "u2", values: ["NA", "oslo"], isMissing: missing)
    table.add(id: "u1", values: ["20s", "rome"], isMissing: missing)
    table.add(id: "u1", values: ["20s", "rome"], isMissing: missing)
    // u3: a tie between lima (seen first) and kyiv.
    table.add(id: "u3", values: ["40s", "lima"], isMissing: missing)
    table.add(id: "u3", values: ["40s", "kyiv"], isMissing: missing)
    // u2's missing age is no vote against 50s.
    table.add(id: "u2", values: ["50s", "oslo"], isMissing: missing)
    table.add(id: "u4", values: ["NA", "NA"], isMissing: missing)
    let (rows, conflicts) = table.resolved()
    #expect(
      rows == [["u1", "20s", "rome"], ["u2", "50s", "oslo"], ["u3", "40s", "lima"], ["u4", "NA", "NA"]])
    #expect(conflicts == [1, 1])
  }

  @Test func seededSplitIsReproducibleAndSeedDependent() throws {
    let rule = ImportSettings.SplitRule.random(train: 0.6, valid: 0.2, seed: 7)
    let first = try LogSplit.assign(count: 50, rule: rule, keys: nil)
    #expect(try LogSplit.assign(count: 50, rule: rule, keys: nil) == first)
    #expect(first.filter { $0 == .train }.count == 30 && first.filter { $0 == .valid }.count == 10)
    let other = try LogSplit.assign(count: 50, rule: .random(train: 0.6, valid: 0.2, seed: 8), keys: nil)
    #expect(other != first)
  }

  @Test func columnSplitSortsNumbersAsNumbersAndKeepsTiesInLogOrder() throws {
    let keys = ["10", "9", "1", "9", "2"]
    #expect(LogSplit.sortedAscending(keys) == [2, 4, 1, 3, 0])
    let splits = try LogSplit.assign(count: 5, rule: .byColumn("t", train: 0.6, valid: 0.2), keys: keys)
    #expect(splits == [.test, .train, .train, .valid, .train])
    // Not all numbers: byte order, as ISO dates sort.
    #expect(LogSplit.sortedAscending(["2024-02", "2023-12", "x"]) == [1, 0, 2])
  }

  @Test func anEmptySplitIsRefused() {
    #expect(throws: ImportError.emptySplit("valid", rows: 3)) {
      try LogSplit.assign(count: 3, rule: .random(train: 0.8, valid: 0.1, seed: 1), keys: nil)
    }
  }

  @Test func writtenFieldsReadBack() throws {
    let path = NSTemporaryDirectory() + "/import-csv-\(getpid()).csv"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fields = ["a,b", "say \"hi\"", "two\nlines", "", "plain"]
    try Data((CSVWriting.record(["c1", "c2", "c3", "c4", "c5"]) + CSVWriting.record(fields)).utf8)
      .write(to: URL(fileURLWithPath: path))
    let reader = try CSVReader(path: path)
    #expect(try reader.next())
    #expect((0..<5).map(reader.string) == fields)
    #expect(CSVWriting.record([""]) == "\"\"\n")
  }
}
