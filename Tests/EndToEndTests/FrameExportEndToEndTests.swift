import Foundation
import PepnetTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Issue 14 item 6 end to end: `x` in the real explorer under tmux writes the frame as SVG and
/// HTML into the working directory and says where in the status bar; both files parse as XML
/// and hold the frame's text and colours.
@Suite(.serialized) struct FrameExportEndToEndTests {
  /// Text and attributes of every element of a document.
  final class Elements: NSObject, XMLParserDelegate {
    var texts: [(name: String, attributes: [String: String], text: String)] = []
    private var open: [Int] = []

    static func parse(_ path: String) throws -> Elements {
      let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
      let elements = Elements()
      parser.delegate = elements
      #expect(parser.parse(), "\(path) is not well-formed: \(String(describing: parser.parserError))")
      return elements
    }

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      open.append(texts.count)
      texts.append((name, attributes, ""))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let last = open.last { texts[last].text += string }
    }
    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) { open.removeLast() }
  }

  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end export test"))
  func xWritesTheFrameAsSVGAndHTML() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-e2e-export-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.kill() }
    tmux.send("cd \(directory.path) && \(binary) explore --synthetic; echo EXIT=$?", enter: true)
    _ = try tmux.waitFor("? help", check: { $0.contains("EPNet gates") && $0.contains("Profile u1000") })
    tmux.send("x")
    _ = try tmux.waitFor("wrote ./pepnet-u1000-double-feed-1.svg + .html")
    tmux.send("q")
    _ = try tmux.waitFor("EXIT=0")

    let svg = try Elements.parse(directory.appendingPathComponent("pepnet-u1000-double-feed-1.svg").path)
    let texts = svg.texts.filter { $0.name == "text" }
    #expect(texts.contains { $0.text.contains("PEPNet explorer") })
    #expect(texts.contains { $0.text.contains("EPNet gates") })
    // The focused Users pane's border is drawn in the accent colour (xterm 75, #5fafff).
    #expect(texts.contains { $0.text.contains("Users") && $0.attributes["fill"] == "#5fafff" })
    #expect(
      svg.texts.contains { $0.name == "rect" && $0.attributes["fill"] == "#5fafff" }, "the active domain tab")

    let html = try Elements.parse(directory.appendingPathComponent("pepnet-u1000-double-feed-1.html").path)
    let page = html.texts.map(\.text).joined()
    #expect(page.contains("PEPNet explorer") && page.contains("PPNet gates"))
    #expect(
      html.texts.contains { $0.name == "span" && ($0.attributes["style"] ?? "").contains("color:#5fafff") })
  }
}
