import Foundation
import PepnetTestSupport
import Testing

/// docs/data-format.md's worked `pepnet import` examples run as written, so that they cannot rot:
/// every code block holding a `pepnet import` command is either the synopsis (marked
/// `<!-- import-synopsis -->`) or a worked example marked `<!-- import-example: FOLDER -->`, where
/// FOLDER (relative to the package root) holds the example's log. Each example's commands run in a
/// copy of FOLDER: the `pepnet import` lines as written, the block's `pepnet train` lines with a
/// tiny model's sizes added (or, without one, a tiny `train` on each imported folder). When FOLDER
/// holds `expected-schema.json`, the imported `schema.json` must equal it (as JSON).
///
/// A new example needs no code: a fixture folder, the marker line and the block.
@Suite struct ImportExampleDocTests {
  static let document = "docs/data-format.md"
  static let exampleMarker = "<!-- import-example: "
  static let synopsisMarker = "<!-- import-synopsis -->"

  /// One fenced block of the document with its marker.
  struct Block: Sendable, CustomTestStringConvertible {
    /// 1-based line of the opening fence.
    var line: Int
    /// The marker's fixture folder; nil for the synopsis or an unmarked block.
    var fixture: String?
    var isSynopsis: Bool
    var text: [String]
    var testDescription: String { fixture ?? "\(ImportExampleDocTests.document):\(line)" }

    /// The block's commands, continuation lines (ending in `\`) joined, as words.
    var commands: [[String]] {
      var joined: [String] = []
      var current = ""
      for line in text {
        if line.hasSuffix("\\") {
          current += line.dropLast() + " "
        } else {
          joined.append(current + line)
          current = ""
        }
      }
      if !current.isEmpty { joined.append(current) }
      return joined.map(ImportExampleDocTests.words).filter { $0.first == "pepnet" }
    }

    var hasImport: Bool { commands.contains { $0.dropFirst().first == "import" } }
  }

  /// The document's fenced blocks, each with the marker line right before it (blank lines between
  /// allowed).
  static func blocks() throws -> [Block] {
    let path = PepnetProcess.root.appendingPathComponent(document).path
    let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    var blocks: [Block] = []
    var marker: (fixture: String?, synopsis: Bool)? = nil
    var i = 0
    while i < lines.count {
      let line = lines[i].trimmingCharacters(in: .whitespaces)
      if line.hasPrefix(exampleMarker), line.hasSuffix("-->") {
        let folder = line.dropFirst(exampleMarker.count).dropLast(3).trimmingCharacters(in: .whitespaces)
        marker = (folder, false)
      } else if line == synopsisMarker {
        marker = (nil, true)
      } else if line.hasPrefix("```") {
        let start = i
        var body: [String] = []
        i += 1
        while i < lines.count && !lines[i].hasPrefix("```") {
          body.append(lines[i])
          i += 1
        }
        blocks.append(
          Block(line: start + 1, fixture: marker?.fixture, isSynopsis: marker?.synopsis ?? false, text: body))
        marker = nil
      } else if !line.isEmpty {
        marker = nil
      }
      i += 1
    }
    return blocks
  }

  static var examples: [Block] { ((try? blocks()) ?? []).filter { $0.fixture != nil } }

  /// Shell words: spaces separate, '…' and "…" quote, a backslash escapes the next character, and
  /// a `#` starting a word starts a comment.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character? = nil
    var escaped = false
    for c in line {
      if escaped {
        word.append(c)
        escaped = false
      } else if let q = quote {
        if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { word.append(c) }
      } else if c == "'" || c == "\"" {
        quote = c
        inWord = true
      } else if c == "\\" {
        escaped = true
        inWord = true
      } else if c == "#" && !inWord {
        break
      } else if c == " " || c == "\t" {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(c)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// The options whose relative paths name files of the example's folder.
  static let pathOptions: Set<String> = ["--log", "--out", "--data", "--model"]

  /// `arguments` with the values of `pathOptions` made relative to `folder`.
  static func located(_ arguments: [String], in folder: URL) -> [String] {
    var out = arguments
    for k in out.indices.dropLast() where pathOptions.contains(out[k]) && !out[k + 1].hasPrefix("/") {
      out[k + 1] = folder.appendingPathComponent(out[k + 1]).path
    }
    return out
  }

  /// A tiny model, so that training an example takes a second: each option with its value.
  static let tinyModel: [(option: String, value: String?)] = [
    ("--epochs", "1"), ("--tower", "8"), ("--emb-dim", "4"), ("--gate-hidden", "4"), ("--batch-size", "8"),
    ("--no-checkpoint", nil),
  ]

  /// `tinyModel`'s options that `arguments` does not give (a size the document gives is kept).
  static func tinyModel(besides arguments: [String]) -> [String] {
    tinyModel.filter { !arguments.contains($0.option) }.flatMap {
      [$0.option] + ($0.value.map { [$0] } ?? [])
    }
  }

  @Test func commandsAreReadAsTheShellReadsThem() {
    #expect(
      Self.words(#"pepnet import --missing ,NA --title 'a b' --x "c\"d" e\ f # a comment"#)
        == ["pepnet", "import", "--missing", ",NA", "--title", "a b", "--x", "c\"d", "e f"])
    #expect(Self.words("--missing '' --seed 3") == ["--missing", "", "--seed", "3"])
    let block = Block(
      line: 1, fixture: "f", isSynopsis: false,
      text: ["pepnet import --log a.csv \\", "    --out d", "ls", "pepnet train --data d"])
    #expect(
      block.commands == [
        ["pepnet", "import", "--log", "a.csv", "--out", "d"], ["pepnet", "train", "--data", "d"],
      ])
  }

  @Test func everyImportBlockIsTheSynopsisOrAnExampleWithItsFixture() throws {
    let blocks = try Self.blocks().filter(\.hasImport)
    for block in blocks where block.fixture == nil && !block.isSynopsis {
      let problem =
        "\(Self.document):\(block.line): a `pepnet import` block without \(Self.exampleMarker)FOLDER --> "
        + "(or \(Self.synopsisMarker))"
      Issue.record(Comment(rawValue: problem))
    }
    for block in try Self.blocks() where block.fixture != nil {
      #expect(
        block.hasImport, "\(Self.document):\(block.line): an example block without a `pepnet import` line")
    }
    // KuaiRand-style and news, at least (issue 18 asks for one per kind of log).
    #expect(Self.examples.count >= 2)
  }

  @Test(arguments: examples) func exampleRunsOnItsFixtureAndTrains(_ block: Block) throws {
    let fixture = PepnetProcess.root.appendingPathComponent(try #require(block.fixture))
    try #require(
      FileManager.default.fileExists(atPath: fixture.path),
      "\(Self.document):\(block.line): no fixture folder \(block.fixture!)")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-doc-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.copyItem(at: fixture, to: work)
    var imported: [URL] = []
    var trained = false
    for command in block.commands {
      var arguments = Self.located(Array(command.dropFirst()), in: work)
      switch arguments.first {
      case "import":
        if let k = arguments.firstIndex(of: "--out") {
          imported.append(URL(fileURLWithPath: arguments[k + 1]))
        }
      case "train":
        arguments += Self.tinyModel(besides: arguments)
        trained = true
      default: break
      }
      let run = try PepnetProcess.run(arguments)
      #expect(
        run.exitStatus == 0,
        "\(Self.document):\(block.line): `\(command.joined(separator: " "))`: \(run.stderr)")
      if run.exitStatus != 0 { return }
    }
    let expected = fixture.appendingPathComponent("expected-schema.json")
    if let data = FileManager.default.contents(atPath: expected.path), let first = imported.first {
      let want = try JSONSerialization.jsonObject(with: data) as! NSDictionary
      let got =
        try JSONSerialization.jsonObject(with: Data(contentsOf: first.appendingPathComponent("schema.json")))
        as! NSDictionary
      #expect(got == want, "\(block.fixture!): the imported schema.json differs from expected-schema.json")
    }
    if !trained {
      for data in imported {
        let run = try PepnetProcess.run(
          ["train", "--data", data.path, "--out", data.path + "-model"] + Self.tinyModel(besides: []))
        #expect(run.exitStatus == 0, "\(block.fixture!): train on the import: \(run.stderr)")
      }
    }
  }
}
