import Foundation
import PepnetTestSupport
import Testing

/// The explorer frames in README.md and docs/explorer.md are what the binary prints today (issue
/// 13, item 18: 38 of the README frame's 40 lines had drifted). A frame is the ``` block after a
/// `<!-- frame: pepnet ARGS -->` line; `bash scripts/update-frames.sh` regenerates them all.
@Suite struct DocFrameTests {
  struct Frame: CustomTestStringConvertible {
    var document: String
    var arguments: [String]
    var text: String
    var testDescription: String { "\(document): pepnet \(arguments.joined(separator: " "))" }
  }

  /// Every frame of a Markdown text.
  static func frames(in markdown: String, document: String) -> [Frame] {
    let lines = markdown.components(separatedBy: "\n")
    var frames: [Frame] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      i += 1
      guard line.hasPrefix("<!-- frame: pepnet "), line.hasSuffix(" -->") else { continue }
      let command = line.dropFirst("<!-- frame: pepnet ".count).dropLast(" -->".count)
      guard i < lines.count, lines[i].hasPrefix("```") else { continue }
      var body: [String] = []
      i += 1
      while i < lines.count, !lines[i].hasPrefix("```") {
        body.append(lines[i])
        i += 1
      }
      frames.append(
        Frame(
          document: document, arguments: command.split(separator: " ").map(String.init),
          text: body.joined(separator: "\n")))
    }
    return frames
  }

  static let documents = ["README.md", "docs/explorer.md"]

  @Test func bothDocumentsHaveAFrame() throws {
    for document in Self.documents {
      let text = try String(
        contentsOf: PepnetProcess.root.appendingPathComponent(document), encoding: .utf8)
      #expect(!Self.frames(in: text, document: document).isEmpty, "\(document)")
    }
  }

  /// The README shows one generated frame of each view (issue 14, item 7).
  @Test func readmeHasAFrameOfEachView() throws {
    let text = try String(contentsOf: PepnetProcess.root.appendingPathComponent("README.md"), encoding: .utf8)
    let views = Self.frames(in: text, document: "README.md").map { frame -> String in
      guard let flag = frame.arguments.firstIndex(of: "--view"), flag + 1 < frame.arguments.count else {
        return "main"
      }
      return frame.arguments[flag + 1]
    }
    for view in ["main", "overview", "effect", "compare", "whatif"] {
      #expect(
        views.filter { $0 == view }.count == 1, "README.md: one frame of --view \(view), found \(views)")
    }
  }

  @Test func framesAreCurrent() throws {
    for document in Self.documents {
      let markdown = try String(
        contentsOf: PepnetProcess.root.appendingPathComponent(document), encoding: .utf8)
      for frame in Self.frames(in: markdown, document: document) {
        // Paths in the command are relative to the package root, as in the script.
        let arguments = frame.arguments.map { argument in
          argument.hasPrefix("sample-data/")
            ? PepnetProcess.root.appendingPathComponent(argument).path : argument
        }
        let run = try PepnetProcess.run(arguments)
        #expect(run.wait() == 0, "\(frame.testDescription): \(run.stderr)")
        let printed = run.stdout.hasSuffix("\n") ? String(run.stdout.dropLast()) : run.stdout
        #expect(
          printed == frame.text,
          "\(frame.testDescription) is stale (bash scripts/update-frames.sh):\n\(lineDiff(frame.text, printed))"
        )
      }
    }
  }

  /// The parser the test relies on finds a frame and its text, and ignores unmarked blocks.
  @Test func parserFindsMarkedBlocksOnly() {
    let markdown = "```\nnot a frame\n```\n<!-- frame: pepnet explore --snapshot -->\n```\na\nb\n```\n"
    let frames = Self.frames(in: markdown, document: "x.md")
    #expect(frames.count == 1)
    #expect(frames.first?.arguments == ["explore", "--snapshot"])
    #expect(frames.first?.text == "a\nb")
  }
}
