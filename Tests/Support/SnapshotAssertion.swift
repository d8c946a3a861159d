import Foundation
import Testing

/// Compares text with a stored snapshot, `Tests/<target>/Snapshots/NAME.txt` (the explorer's
/// frames by default).
///
/// `PEPNET_RECORD_SNAPSHOTS=1` (re-)records instead of comparing. A missing snapshot is recorded and
/// the test fails, so a new snapshot is always looked at once. Failures print a line diff.
public func assertSnapshot(
  _ actual: String, named name: String, target: String = "ExplorerTests",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = PepnetBinary.root.appendingPathComponent("Tests/\(target)/Snapshots")
  let file = directory.appendingPathComponent("\(name).txt")
  let text = actual.hasSuffix("\n") ? actual : actual + "\n"
  let record = ProcessInfo.processInfo.environment["PEPNET_RECORD_SNAPSHOTS"] == "1"
  guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? text.write(to: file, atomically: true, encoding: .utf8)
    if !record {
      Issue.record("Recorded new snapshot \(file.path); check it and re-run", sourceLocation: sourceLocation)
    }
    return
  }
  if expected != text {
    Issue.record(
      "Snapshot \(name) differs (PEPNET_RECORD_SNAPSHOTS=1 re-records):\n\(lineDiff(expected, text))",
      sourceLocation: sourceLocation)
  }
}

/// A line diff: `-` expected, `+` actual, with 1-based line numbers; equal lines are left out.
public func lineDiff(_ expected: String, _ actual: String) -> String {
  let a = expected.components(separatedBy: "\n")
  let b = actual.components(separatedBy: "\n")
  var out: [String] = []
  for i in 0..<max(a.count, b.count) {
    let x = i < a.count ? a[i] : nil
    let y = i < b.count ? b[i] : nil
    if x == y { continue }
    let number = String(repeating: " ", count: max(0, 3 - String(i + 1).count)) + String(i + 1)
    if let x { out.append("\(number) -\(x)") }
    if let y { out.append("\(number) +\(y)") }
  }
  return out.joined(separator: "\n")
}
