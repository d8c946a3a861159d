import Foundation
import PepnetExplorer
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Frames exported for slides: the SVG and the XHTML are parsed back with `XMLParser`, and their
/// text, positions and colours checked against the grid they came from; the ANSI text with its
/// escapes removed is the plain frame.
@Suite struct FrameExportTests {
  /// Elements of a parsed document: name, attributes and the text directly inside.
  final class Elements: NSObject, XMLParserDelegate {
    struct Element {
      var name: String
      var attributes: [String: String]
      var text = ""
    }
    var all: [Element] = []
    private var open: [Int] = []
    var failure: Error?

    static func parse(_ document: String) throws -> Elements {
      let parser = XMLParser(data: Data(document.utf8))
      let elements = Elements()
      parser.delegate = elements
      let ok = parser.parse()
      if let error = parser.parserError ?? elements.failure { throw error }
      #expect(ok)
      return elements
    }

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      open.append(all.count)
      all.append(Element(name: name, attributes: attributes))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let k = open.last { all[k].text += string }
    }
    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      open.removeLast()
    }
    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) { failure = error }
    func named(_ name: String) -> [Element] { all.filter { $0.name == name } }
  }

  /// A 12 x 3 grid with a colour, a background, reverse video, bold, box and bar glyphs, XML's
  /// special characters and a C1 control character.
  func handGrid() -> CellGrid {
    var grid = CellGrid(width: 12, height: 3)
    grid.write(0, 0, "╭─ Hi", Style(fg: 196, bold: true))  // #ff0000
    grid.write(6, 0, "<&>\"", Style(fg: 46))  // #00ff00
    grid.write(0, 1, "██▌", Style(fg: 21, bg: 226))  // #0000ff on #ffff00
    grid.write(4, 1, "rev", Style(fg: 231, reverse: true))  // #ffffff reversed: on it, default background
    grid.put(8, 1, "\u{9B}", .plain)
    grid.put(9, 1, "x", .plain)
    grid.write(0, 2, "plain")
    // A wide character: its right half is a continuation cell (U+0000), as the grid stores it.
    grid.put(7, 2, "漢", Style(fg: 46))
    grid.put(8, 2, "\u{0}", Style(fg: 46))
    grid.put(9, 2, "!", Style(fg: 46))
    return grid
  }

  @Test func svgHoldsTheTextAtItsCellsInItsColours() throws {
    let svg = try Elements.parse(FrameFormat.svg.render(handGrid()))
    let texts = svg.named("text")
    func text(_ content: String) throws -> Elements.Element {
      try #require(texts.first { $0.text == content }, "\(texts.map(\.text))")
    }
    let hi = try text("╭─ Hi")
    #expect(hi.attributes["fill"] == "#ff0000" && hi.attributes["font-weight"] == "bold")
    #expect(hi.attributes["x"] == "0" && hi.attributes["textLength"] == "42")
    let special = try text("<&>\"")
    #expect(special.attributes["fill"] == "#00ff00" && special.attributes["x"] == "50.4")
    let bar = try text("██▌")
    #expect(bar.attributes["fill"] == "#0000ff" && bar.attributes["y"] == "30.26")
    let reversed = try text("rev")
    #expect(reversed.attributes["fill"] == "#101010")
    let rects = svg.named("rect")
    #expect(
      rects.contains {
        $0.attributes["fill"] == "#ffff00" && $0.attributes["x"] == "0" && $0.attributes["y"] == "17"
      })
    #expect(rects.contains { $0.attributes["fill"] == "#ffffff" && $0.attributes["x"] == "33.6" })
    // The control character became a space: "  x" in the plain run after "rev".
    #expect(texts.contains { $0.text == "  x" })
    #expect(!FrameFormat.svg.render(handGrid()).unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
    #expect(try text("plain  ").attributes["fill"] == "#e5e5e5", "default colour; spaces up to the next run")
    let wide = try text("漢!")
    #expect(wide.attributes["x"] == "58.8" && wide.attributes["textLength"] == "25.2", "three cells")
    let root = try #require(svg.named("svg").first)
    #expect(root.attributes["width"] == "100.8" && root.attributes["height"] == "51")
  }

  @Test func htmlIsWellFormedXHTMLWithTheFrameAndItsColours() throws {
    let page = try Elements.parse(FrameFormat.html.render(handGrid()))
    let pre = try #require(page.named("pre").first)
    let spans = page.named("span")
    // The pre's own text (plain runs) plus its spans' text, in order, is the frame.
    let hi = try #require(spans.first { $0.text == "╭─ Hi" })
    #expect(hi.attributes["style"] == "color:#ff0000;font-weight:bold")
    #expect(spans.contains { $0.text == "<&>\"" && $0.attributes["style"] == "color:#00ff00" })
    #expect(
      spans.contains {
        $0.text == "██▌" && $0.attributes["style"] == "color:#0000ff;background-color:#ffff00"
      })
    #expect(
      spans.contains {
        $0.text == "rev" && $0.attributes["style"] == "color:#101010;background-color:#ffffff"
      })
    #expect(pre.text.contains("plain") && pre.text.contains("  x"))
    #expect(spans.contains { $0.text == "漢!" }, "the continuation cell adds no text")
    #expect(page.named("html").first?.attributes["xmlns"] == "http://www.w3.org/1999/xhtml")
  }

  /// A whole explorer frame: every SVG text run put back at its cell rebuilds the frame's text,
  /// and each run's colour is the one of its cells.
  @Test func anExplorerFrameRoundTripsThroughSVGAndHTML() throws {
    let grid = Explorer.view(TestSource.loaded())
    let svg = try Elements.parse(FrameFormat.svg.render(grid))
    var rows = [[Unicode.Scalar]](
      repeating: [Unicode.Scalar](repeating: " ", count: grid.width), count: grid.height)
    var checkedColours = 0
    for t in svg.named("text") {
      let x = try #require(Double(t.attributes["x"] ?? ""))
      let y = try #require(Double(t.attributes["y"] ?? ""))
      let column = Int((x / FrameExport.cellWidth).rounded())
      let row = Int((y / FrameExport.cellHeight).rounded(.down))
      for (k, s) in t.text.unicodeScalars.enumerated() { rows[row][column + k] = s }
      let style = grid[column, row].style
      if !style.reverse, let fg = style.fg {
        #expect(t.attributes["fill"] == FrameExportTests.hex(fg), "colour at \(column),\(row)")
        checkedColours += 1
      }
    }
    let rebuilt = rows.map { row in
      var s = String(String.UnicodeScalarView(row))
      while s.last == " " { s.removeLast() }
      return s
    }
    #expect(rebuilt.joined(separator: "\n") == grid.text)
    #expect(checkedColours > 50)

    let page = try Elements.parse(FrameFormat.html.render(grid))
    // The text inside the pre, spans included, is the frame's text.
    let preIndex = try #require(page.all.firstIndex { $0.name == "pre" })
    let inside = page.all[preIndex...].filter { $0.name == "pre" || $0.name == "span" }
    #expect(inside.count > 50)
    let letters = inside.map(\.text).joined().filter { $0 != " " && $0 != "\n" }
    #expect(letters == grid.text.filter { $0 != " " && $0 != "\n" })
  }

  @Test func ansiWithoutItsEscapesIsTheTextFrame() throws {
    let grid = Explorer.view(TestSource.loaded())
    let ansi = FrameFormat.ansi.render(grid)
    #expect(ansi.contains("\u{1B}[0;1;38;5;"))
    let stripped = ansi.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    let lines = stripped.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
      var s = String(line)
      while s.last == " " { s.removeLast() }
      return s
    }
    #expect(lines.joined(separator: "\n") == grid.text)
    let hand = FrameFormat.ansi.render(handGrid())
    #expect(hand.hasPrefix("\u{1B}[0;1;38;5;196m╭─ Hi"))
    #expect(!hand.unicodeScalars.contains { $0.value == 0x9B })
  }

  /// The xterm-256 colour's RGB, computed here from the palette's definition (6x6x6 cube, greys).
  static func hex(_ index: UInt8) -> String {
    let i = Int(index)
    let rgb: (Int, Int, Int)
    if i >= 232 {
      let v = 8 + (i - 232) * 10
      rgb = (v, v, v)
    } else if i >= 16 {
      let levels = [0, 95, 135, 175, 215, 255]
      rgb = (levels[(i - 16) / 36], levels[((i - 16) / 6) % 6], levels[(i - 16) % 6])
    } else {
      let basic = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229),
      ]
      let b = basic[i % 8]
      rgb = i >= 8 ? (min(255, b.0 + 50), min(255, b.1 + 50), min(255, b.2 + 50)) : b
    }
    return "#" + [rgb.0, rgb.1, rgb.2].map { String(format: "%02x", $0) }.joined()
  }
}
