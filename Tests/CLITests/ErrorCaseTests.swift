import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Every bad-input case of docs/errors.md, run through the real `pepnet` binary: the exit status
/// (1, or 2 for usage errors), exactly one error line on stderr (after a command's progress lines
/// at most), no crash report, nothing on stdout and nothing written next to the inputs.
///
/// Fixtures are a tiny generated dataset and two tiny bundles (PEPNet and DNN), copied into one
/// directory per case and broken there. "No permission" cases run the binary as `nobody` via
/// `setpriv` when the tests run as root (as in CI), where `chmod 000` would not stop a read.
@Suite struct ErrorCaseTests {
  @Test(arguments: ErrorCases.all)
  func failsWithOneLine(_ c: ErrorCase) throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: c.name)
    defer { scratch.remove() }
    let arguments = try c.setup(scratch)
    let before = scratch.listing()
    let r = try fixture.run(arguments, asNobody: c.asNobody)
    let expected = scratch.expand(c.message)
    #expect(r.status == c.status, "exit status; stderr: \(r.stderr)")
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(r.stderr.hasSuffix("\n"), "stderr ends with a line break: \(r.stderr)")
    let last = lines.last ?? ""
    #expect(Glob.matches(expected, last), "stderr's error line\n  got:      \(last)\n  expected: \(expected)")
    let progress = lines.dropLast()
    if c.progressAllowed {
      // Warnings about the data (issue 18, item 9) are progress, not errors.
      #expect(
        progress.allSatisfy { !$0.hasPrefix("pepnet") || $0.hasPrefix("pepnet: warning: ") },
        "only progress before the error: \(r.stderr)")
    } else {
      #expect(progress.isEmpty, "exactly one line on stderr: \(r.stderr)")
    }
    for marker in ["Fatal error", "Backtracing", "Program crashed", "Precondition failed", "Stack dump"] {
      #expect(!r.stderr.contains(marker), "crash report: \(r.stderr)")
    }
    #expect(r.stdout.isEmpty, "nothing on stdout: \(r.stdout.prefix(300))")
    #expect(scratch.listing() == before, "no file written or removed next to the inputs")
  }

  /// A corrupt bundle is reported before the explorer takes over the terminal: on a real
  /// pseudo-terminal (`script`), the output holds the one-line error and no escape sequence.
  @Test func explorerReportsACorruptBundleBeforeTakingTheScreen() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "explore_tty")
    defer { scratch.remove() }
    let bundle = try scratch.copyModel()
    try scratch.write("b/config.json", "")
    let command = ([fixture.binary, "explore", bundle]).map(shellQuote).joined(separator: " ")
    let r = try fixture.run(
      ["-qec", command, "/dev/null"], executable: "/usr/bin/script",
      environment: ["TERM=xterm-256color", "LANG=C.UTF-8", "COLUMNS=120", "LINES=40"])
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    let output = r.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    #expect(
      Glob.matches("pepnet explore: \(bundle)/config.json: invalid JSON at top level: *\n", output)
        && output.filter { $0 == "\n" }.count == 1, "the error line only: \(output.debugDescription)")
    #expect(!output.contains("\u{1B}"), "no escape sequence reached the terminal: \(output.debugDescription)")
  }

  /// An absurd but harmless size: `--top 10^12` prints the whole (30-item) catalog.
  @Test func hugeTopPrintsTheWholeCatalog() throws {
    let fixture = try ErrorFixture.shared.get()
    let r = try fixture.run(
      [
        "rank", "--model", fixture.model, "--user", "u1", "--domain", "featured", "--top", "1000000000000",
        "--json", "--candidates", "all",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect((json["items"] as? [Any])?.count == 30)
  }

  /// The matcher the cases rely on: `*` is any run of characters, everything else is literal.
  @Test func globMatchesOnlyWhatItShould() {
    #expect(Glob.matches("a*c", "abbbc"))
    #expect(Glob.matches("pepnet: x:*: y", "pepnet: x:3:7: y"))
    #expect(!Glob.matches("a*c", "abbb"))
    #expect(!Glob.matches("abc", "abcd"))
  }
}
