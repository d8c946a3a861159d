import Foundation
import Testing

/// `pepnet explore` on a real pseudo-terminal (`script -qec`) whose `TERM` cannot show it: pepnet's
/// own one line and status 2 before ncurses starts, instead of ncurses' "Error opening terminal"
/// (status 1) for an unknown type or a screen where only the status bar showed (`TERM=dumb`).
/// These need a terminal on stdin and stdout, so they are not rows of `ErrorCaseTests.failsWithOneLine`
/// (whose stdout is a file); docs/errors.md lists them with this test's case names.
@Suite struct ExplorerTerminalTypeTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// `TERM=...`, or nil to leave it unset.
    var term: String?
    var message: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "explore_term_unknown", term: "xyz",
      message:
        "pepnet explore: unknown terminal type 'xyz' (TERM); set TERM to a type the terminfo database has, e.g. xterm-256color"
    ),
    Case(
      name: "explore_term_dumb", term: "dumb",
      message:
        "pepnet explore: terminal type 'dumb' (TERM) cannot move the cursor, so it cannot show the explorer (try --snapshot, or TERM=xterm-256color)"
    ),
    Case(
      name: "explore_term_unset", term: nil,
      message:
        "pepnet explore: TERM is not set, so the terminal type is unknown; set it, e.g. TERM=xterm-256color"),
    Case(
      name: "explore_term_empty", term: "",
      message:
        "pepnet explore: TERM is not set, so the terminal type is unknown; set it, e.g. TERM=xterm-256color"),
    Case(
      name: "explore_term_control_characters", term: "x\u{1B}[2Jy",
      message:
        "pepnet explore: unknown terminal type 'x\\u{1B}[2Jy' (TERM); set TERM to a type the terminfo database has, e.g. xterm-256color"
    ),
  ]

  @Test(arguments: cases)
  func refusedWithOneLine(_ c: Case) throws {
    let fixture = try ErrorFixture.shared.get()
    let command = [fixture.binary, "explore", fixture.model].map(shellQuote).joined(separator: " ")
    let r = try fixture.run(
      ["-qec", command, "/dev/null"], executable: "/usr/bin/script",
      environment: ["LANG=C.UTF-8", "COLUMNS=120", "LINES=40"] + (c.term.map { ["TERM=\($0)"] } ?? []))
    let output = r.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    #expect(r.status == 2, "usage error status: \(output.debugDescription)")
    #expect(output == c.message + "\n", "exactly the one line on the terminal")
    #expect(!output.contains("\u{1B}["), "nothing drawn: \(output.debugDescription)")
  }
}
