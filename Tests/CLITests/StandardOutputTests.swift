import Foundation
import PepnetTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What pepnet prints, through the real binary on the tiny fixture of `ErrorCaseTests`: a write
/// that fails is one error line and exit status 1 for every command (stdout redirected to
/// /dev/full by a shell, `exec pepnet ... >/dev/full`), and titles and names from the files are
/// printed with their control characters escaped in text and JSON-escaped in JSON.
@Suite struct StandardOutputTests {
  /// A command whose result goes to stdout; `{model}`, `{data}` and `{out}` are filled in.
  struct Command: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    /// `train` prints progress lines on stderr before the error (and `train` and `eval` the data
    /// summary).
    var progress = false
    var testDescription: String { arguments.filter { !$0.hasPrefix("{") }.prefix(3).joined(separator: " ") }
    /// The case's scratch directory.
    var name: String {
      "full_" + arguments.filter { $0.hasPrefix("-") || $0.first!.isLetter }.joined(separator: "_")
    }
  }

  static let commands: [Command] = [
    Command(arguments: ["version"]),
    Command(arguments: ["--help"]),
    Command(arguments: ["rank", "--model", "{model}", "--user", "u1", "--domain", "featured"]),
    Command(arguments: ["rank", "--model", "{model}", "--user", "u1", "--domain", "featured", "--json"]),
    Command(arguments: [
      "gates", "--model", "{model}", "--user", "u1", "--domain", "featured", "--item", "i1",
    ]),
    Command(arguments: [
      "gates", "--model", "{model}", "--user", "u1", "--domain", "featured", "--item", "i1", "--json",
    ]),
    Command(arguments: ["eval", "--model", "{model}", "--data", "{data}"], progress: true),
    Command(arguments: ["eval", "--model", "{model}", "--data", "{data}", "--json"], progress: true),
    Command(arguments: ["explore", "{model}", "--snapshot", "--size", "100x30"]),
    Command(arguments: ["bench", "ingest", "--data", "{data}", "--repeats", "1"]),
    Command(arguments: ["bench", "explorer", "{model}", "--presses", "20"]),
    Command(
      arguments: [
        "generate", "--out", "{out}", "--users", "20", "--items", "30", "--authors", "5", "--impressions",
        "300",
      ]
    ),
    Command(
      arguments: [
        "train", "--data", "{data}", "--out", "{out}", "--epochs", "1", "--tower", "8", "--emb-dim", "4",
      ],
      progress: true),
    Command(
      arguments: [
        "train", "--data", "{data}", "--out", "{out}", "--epochs", "1", "--tower", "8", "--emb-dim", "4",
        "--json",
      ], progress: true),
  ]

  @Test(arguments: commands)
  func aFullDiskIsAWriteError(_ command: Command) throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: command.name)
    defer { scratch.remove() }
    let arguments = command.arguments.map {
      $0.replacingOccurrences(of: "{model}", with: fixture.model).replacingOccurrences(
        of: "{data}", with: fixture.data
      ).replacingOccurrences(of: "{out}", with: scratch.path("out"))
    }
    let r = try fixture.run(
      ["-c", "exec \"$0\" \"$@\" >/dev/full", fixture.binary] + arguments, executable: "/bin/sh")
    #expect(r.status == 1, "exit status; stderr: \(r.stderr)")
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.last == "pepnet: write error: No space left on device", "stderr: \(r.stderr)")
    #expect(command.progress || lines.count == 1, "one line: \(r.stderr)")
    #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Backtrac"), "\(r.stderr)")
  }

  /// stderr on a full disk: an error message is lost but does not trap (exit status 1), and
  /// `train`'s progress lines do not stop a run that succeeds (exit status 0, bundle saved).
  @Test func aFullStandardErrorIsNoCrash() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "full_stderr")
    defer { scratch.remove() }
    func run(_ arguments: [String]) throws -> ErrorFixture.Result {
      try fixture.run(
        ["-c", "exec \"$0\" \"$@\" 2>/dev/full", fixture.binary] + arguments, executable: "/bin/sh")
    }
    let failed = try run(["rank", "--model", fixture.model, "--user", "nobody", "--domain", "featured"])
    #expect(failed.status == 1)
    #expect(failed.stdout.isEmpty)
    let trained = try run([
      "train", "--data", fixture.data, "--out", scratch.path("m"), "--epochs", "1", "--tower", "8",
      "--emb-dim", "4",
    ])
    #expect(trained.status == 0)
    #expect(FileManager.default.fileExists(atPath: scratch.path("m/config.json")))
  }

  static let hostileTitle = "Hi\u{1B}[2J\u{1B}]0;pwned\u{7}\u{9B}1m"
  static let escapedTitle = "Hi\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{9B}1m"

  /// A bundle whose first item's title (the first item of every user's catalog) holds escape
  /// sequences, BEL and a C1 CSI.
  func bundleWithHostileTitle(_ scratch: Scratch) throws -> String {
    let bundle = try scratch.copyModel()
    try scratch.editJSON("b/pipeline.json") { pipeline in
      var items = pipeline["items"] as! [String: Any]
      items["titles"] = (items["titles"] as! [String]).map { _ in Self.hostileTitle }
      pipeline["items"] = items
    }
    return bundle
  }

  @Test func rankEscapesControlCharactersInTitles() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "hostile_title_text")
    defer { scratch.remove() }
    let bundle = try bundleWithHostileTitle(scratch)
    let r = try fixture.run(["rank", "--model", bundle, "--user", "u1", "--domain", "featured", "--top", "3"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").count == 5, "header, column names and 3 items: \(r.stdout)")
    #expect(r.stdout.contains(String(Self.escapedTitle.prefix(27)) + "…"), "\(r.stdout.debugDescription)")
    #expect(
      !r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
  }

  @Test func rankJSONKeepsTitlesExactAndEscaped() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "hostile_title_json")
    defer { scratch.remove() }
    let bundle = try bundleWithHostileTitle(scratch)
    let r = try fixture.run([
      "rank", "--model", bundle, "--user", "u1", "--domain", "featured", "--top", "3", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "JSON escapes: \(r.stdout)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.map { $0["title"] as? String } == Array(repeating: Self.hostileTitle, count: 3))
  }

  /// A dataset whose domain `featured` is named with an escape sequence: `train`'s tables (stdout
  /// and stderr), `eval`'s and `gates`' text carry it escaped, never raw.
  @Test func trainAndEvalEscapeControlCharactersInDomainNames() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "hostile_domain")
    defer { scratch.remove() }
    let data = try scratch.copyData()
    let hostile = "feat\u{1B}[2Jured"
    try scratch.edit("d/schema.json") {
      $0.replacingOccurrences(of: "\"featured\"", with: "\"feat\\u001b[2Jured\"")
    }
    for file in ["train.csv", "valid.csv", "test.csv"] {
      try scratch.edit("d/" + file) { $0.replacingOccurrences(of: "featured", with: hostile) }
    }
    func isClean(_ text: String) -> Bool {
      !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
    }
    let escaped = "feat\\u{1B}[2Jured"
    let train = try fixture.run([
      "train", "--data", data, "--out", scratch.path("m"), "--epochs", "1", "--tower", "8", "--emb-dim", "4",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.contains(escaped) && isClean(train.stdout), "\(train.stdout.debugDescription)")
    #expect(train.stderr.contains(escaped) && isClean(train.stderr), "\(train.stderr.debugDescription)")
    let eval = try fixture.run(["eval", "--model", scratch.path("m"), "--data", data])
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stdout.contains(escaped) && isClean(eval.stdout), "\(eval.stdout.debugDescription)")
    let gates = try fixture.run([
      "gates", "--model", scratch.path("m"), "--user", "u1", "--domain", hostile, "--item", "i1",
    ])
    #expect(gates.status == 0, "\(gates.stderr)")
    #expect(gates.stdout.contains(escaped) && isClean(gates.stdout), "\(gates.stdout.debugDescription)")
  }

  /// A 131 KB user id is answered at once (no "closest" search among the sample bundle's 2400
  /// users), echoed 64 characters long.
  /// A 131 KB user id through the real binary: one short line. That it answers at once (no edit
  /// distance against every id) is `PrintedTextTests.absurdlyLongNamesGetNoClosestNames`; a
  /// wall-clock bound here would fail on a loaded machine and prove nothing on an idle one.
  @Test func aHugeUnknownNameGetsOneShortLine() throws {
    let fixture = try ErrorFixture.shared.get()
    let sample = PepnetProcess.root.appendingPathComponent("sample-data/model").path
    let r = try fixture.run([
      "rank", "--model", sample, "--user", String(repeating: "u", count: 131_000), "--domain", "featured",
    ])
    #expect(r.status == 1)
    #expect(r.stderr == "pepnet: unknown user '\(String(repeating: "u", count: 64))…'\n")
  }
}
