import Foundation
import PepnetExplorer
import PepnetTestSupport
import Testing

/// The key tables in README.md and docs/explorer.md are what `KeyTable` makes of the key map today,
/// as lazygit checks its cheatsheets. A table sits between `<!-- keys: CONTEXTS -->` (context names,
/// or `all`) and `<!-- end keys -->`; `bash scripts/update-key-tables.sh` rewrites them (it runs
/// this suite with `PEPNET_RECORD_KEY_TABLES=1`).
@Suite struct KeyTableDocTests {
  static let documents = ["README.md", "docs/explorer.md"]
  static let endMarker = "<!-- end keys -->"

  struct Region {
    var contexts: [KeyContext]
    /// Line indices of the opening and closing markers.
    var open: Int
    var close: Int
  }

  enum Problem: Error, CustomStringConvertible {
    case unknownContext(line: Int, String)
    case unclosed(line: Int)
    var description: String {
      switch self {
      case .unknownContext(let line, let name): return "line \(line + 1): no key context named \(name)"
      case .unclosed(let line): return "line \(line + 1): a key table without \(KeyTableDocTests.endMarker)"
      }
    }
  }

  /// The key table regions of a Markdown text.
  static func regions(in lines: [String]) throws -> [Region] {
    var regions: [Region] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      guard line.hasPrefix("<!-- keys: "), line.hasSuffix(" -->") else {
        i += 1
        continue
      }
      let names = line.dropFirst("<!-- keys: ".count).dropLast(" -->".count).split(separator: " ")
      let contexts: [KeyContext] =
        names == ["all"]
        ? KeyContext.allCases
        : try names.map { name in
          guard let context = KeyContext(rawValue: String(name)) else {
            throw Problem.unknownContext(line: i, String(name))
          }
          return context
        }
      guard let close = lines[(i + 1)...].firstIndex(of: endMarker) else { throw Problem.unclosed(line: i) }
      regions.append(Region(contexts: contexts, open: i, close: close))
      i = close + 1
    }
    return regions
  }

  /// What belongs between a region's markers: the tables, a blank line either side.
  static func body(_ region: Region) -> [String] {
    [""] + KeyTable.markdown(region.contexts).components(separatedBy: "\n") + [""]
  }

  /// The document with every region's body replaced by the current tables.
  static func regenerated(_ markdown: String) throws -> String {
    var lines = markdown.components(separatedBy: "\n")
    for region in try regions(in: lines).reversed() {
      lines.replaceSubrange((region.open + 1)..<region.close, with: body(region))
    }
    return lines.joined(separator: "\n")
  }

  static let recording = ProcessInfo.processInfo.environment["PEPNET_RECORD_KEY_TABLES"] == "1"

  @Test(arguments: documents)
  func keyTablesAreCurrent(_ document: String) throws {
    let url = PepnetBinary.root.appendingPathComponent(document)
    let markdown = try String(contentsOf: url, encoding: .utf8)
    #expect(try Self.regions(in: markdown.components(separatedBy: "\n")).count == 1, "\(document)")
    let current = try Self.regenerated(markdown)
    if Self.recording && current != markdown {
      try current.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      current == markdown,
      "\(document): a key table is stale; run bash scripts/update-key-tables.sh")
  }

  /// The check notices a stale table: one with a binding's description changed, and one with a row
  /// left out.
  @Test func aStaleTableIsNoticed() throws {
    let fresh =
      "intro\n<!-- keys: normal -->\n\n" + KeyTable.markdown([.normal]) + "\n\n<!-- end keys -->\nafter"
    #expect(try Self.regenerated(fresh) == fresh)
    let renamed = fresh.replacingOccurrences(of: "Focus the next pane", with: "Next pane")
    #expect(try Self.regenerated(renamed) == fresh)
    var lines = fresh.components(separatedBy: "\n")
    lines.removeAll { $0.contains("Page down") }
    #expect(try Self.regenerated(lines.joined(separator: "\n")) == fresh)
    #expect(throws: Problem.self) { try Self.regions(in: ["<!-- keys: normal -->", "| a | b |"]) }
    #expect(throws: Problem.self) { try Self.regions(in: ["<!-- keys: nowhere -->", Self.endMarker]) }
  }

  /// Every binding of every context is a row of the full table, with its keys and description.
  @Test func theFullTableHasEveryBinding() {
    let table = KeyTable.markdown(KeyContext.allCases)
    for binding in KeyMap.bindings {
      #expect(table.contains("| \(binding.keyLabel) | \(binding.description) |"), "\(binding.description)")
    }
    for context in KeyContext.allCases where !KeyMap.bindings(in: context).isEmpty {
      #expect(table.contains("**\(context.title)**"))
    }
  }

  /// `pepnet help explore` lists the same keys.
  @Test func plainTextHasEveryBinding() {
    let text = KeyTable.plainText(KeyContext.allCases)
    let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    for binding in KeyMap.bindings {
      #expect(
        lines.contains { $0.hasPrefix(binding.keyLabel + "  ") && $0.hasSuffix("  " + binding.description) },
        "\(binding.description)")
    }
  }
}
