import Foundation
import PepnetTestSupport
import Testing

/// docs/errors.md and the case tables (`ErrorCases.all`, and `ExplorerTerminalTypeTests.cases`
/// for the cases that need a terminal) cannot drift apart (issue 12, item 4): every case name in a
/// row's test column is a case of a table, every case has a row, and a row that names a test other than `ErrorCaseTests.failsWithOneLine` names one of
/// `otherTests` (so a renamed or removed test is noticed too).
@Suite struct ErrorTableDocTests {
  /// The tests outside `failsWithOneLine` that rows name, as the test column spells them.
  static let otherTests: Set<String> = [
    "TrainOutputSafetyTests.outDotInsideTheDatasetFailsBeforeReadingIt",
    "TrainOutputSafetyTests.refusedOutputsKeepEveryFile",
    "GenerateSplitTests.everySplitGetsARow",
    "TrainingFaultTests.resumeAfterADataChangeNamesTheFirstDifference",
    "TrainingFaultTests.resumeAtAnotherPrecisionIsRefusedInOneLine",
    "TrainInterruptTests.sigintSaysHowFarItGotAndResumeContinues",
    "TrainInterruptTests.sigtermWithoutACheckpointSaysNothingCanBeResumed",
    "StandardOutputTests.aFullDiskIsAWriteError",
    "StandardOutputTests.aFullStandardErrorIsNoCrash",
    "StandardOutputTests.aHugeUnknownNameGetsOneShortLine",
    "StandardOutputTests.rankEscapesControlCharactersInTitles",
    "rankJSONKeepsTitlesExactAndEscaped",
    "StandardOutputTests.trainAndEvalEscapeControlCharactersInDomainNames",
    "DeviceInputTests",
    "ExplorerTerminalTypeTests.refusedWithOneLine",
    "WorkerShutdownTests.shutdownWaitsForTheJobInFlightAndStartsNoOther",
    "EndToEndTests.otherSignalsRestoreTheTerminal",
    "SignalHandlingTests",
    "PrecisionCommandTests.bf16FallsBackToFP32WhenOneDNNIsHeldToAVX2",
    "PrecisionCommandTests.rankIsFP32ByDefaultAndBF16StaysClose",
    "EncodedDirectoryWriterTests.aBadRowLeavesNoDirectory",
    "MemoryPressureTests.rankUnderAnAddressSpaceLimitSaysOutOfMemory",
  ]

  /// The names in backquotes of the test column of every table whose last column is a test.
  static func testColumnNames() throws -> [String] {
    let text = try String(
      contentsOf: PepnetBinary.root.appendingPathComponent("docs/errors.md"), encoding: .utf8)
    var names: [String] = []
    var inTestTable = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        inTestTable = false
        continue
      }
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
      let last = cells.last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if cells.first?.trimmingCharacters(in: .whitespaces) == "case" {
        inTestTable = last.hasPrefix("test")
        continue
      }
      guard inTestTable, !last.hasPrefix("---") else { continue }
      let quoted = last.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      names += quoted.filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
    return names
  }

  /// A case name: lower-case words joined by underscores, as `ErrorCases` names its cases.
  static func isCaseName(_ name: String) -> Bool {
    name.contains("_") && name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }
  }

  @Test func rowsAndCasesAgree() throws {
    let names = try Self.testColumnNames()
    #expect(names.count > 100, "the test columns were found")
    let cases = Set(ErrorCases.all.map(\.name) + ExplorerTerminalTypeTests.cases.map(\.name))
    let documented = Set(names.filter(Self.isCaseName))
    #expect(documented.subtracting(cases).sorted() == [], "rows naming no case of a table")
    #expect(cases.subtracting(documented).sorted() == [], "cases without a row in docs/errors.md")
    let others = Set(names.filter { !Self.isCaseName($0) && $0.first?.isLetter == true && !$0.contains("/") })
    #expect(others.subtracting(Self.otherTests).sorted() == [], "rows naming a test not in otherTests")
    #expect(Self.otherTests.subtracting(others).sorted() == [], "otherTests no row names")
    #expect(
      ErrorCases.all.count + ExplorerTerminalTypeTests.cases.count == cases.count, "case names are unique")
  }
}
