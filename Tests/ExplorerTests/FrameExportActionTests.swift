import Foundation
import Testing

@testable import PepnetExplorer

/// Issue 14 item 6: `x` writes the frame on screen as SVG and HTML, under names that never
/// overwrite a file, atomically, off the input thread (an effect); the paths, or why the write
/// failed, show in the status bar.
@Suite struct FrameExportActionTests {
  func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-export-\(UUID().uuidString)"
    )
    .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func xWritesTheFrameOnScreenAsSVGAndHTML() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var s = TestSource.loaded()
    s.exportDirectory = directory
    let frame = Explorer.view(s)
    var effects: [Effect]
    (s, effects) = Explorer.run(s, [.key(.char("x"))])
    guard case .exportFrame(let request)? = effects.last else {
      Issue.record("an export effect expected: \(effects)")
      return
    }
    #expect(request.svg == FrameFormat.svg.render(frame) && request.html == FrameFormat.html.render(frame))
    #expect(request.stem == "pepnet-u1000-double-feed")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "update writes nothing")
    s = TestSource.settle(s, [EffectPerformer.perform(.exportFrame(request), source: TestSource.shared)])
    let svg = "\(directory)/pepnet-u1000-double-feed-1.svg"
    let html = "\(directory)/pepnet-u1000-double-feed-1.html"
    #expect(try String(contentsOfFile: svg, encoding: .utf8) == request.svg)
    #expect(try String(contentsOfFile: html, encoding: .utf8) == request.html)
    #expect(s.statusNote == "wrote \(svg) + .html")
    let bar = try #require(Explorer.view(s).text.split(separator: "\n").last)
    #expect(bar.hasSuffix("double-feed-1.svg + .html"), "the paths show in the status bar: \(bar)")
    #expect(bar.count <= 120, "a long path is cut on the left, never past the bar")
    // The next key clears the note.
    s = TestSource.settle(s, [.key(.char("j"))])
    #expect(s.statusNote == nil)
    // No file is overwritten: the next export takes the next free number, past names taken by
    // either kind of file.
    try "mine".write(
      toFile: "\(directory)/pepnet-u1000-double-feed-2.html", atomically: false, encoding: .utf8)
    let again = FrameExportWriter.write(request)
    guard case .frameExported(let paths) = again else {
      Issue.record("written expected: \(again)")
      return
    }
    #expect(
      paths == [
        "\(directory)/pepnet-u1000-double-feed-3.svg", "\(directory)/pepnet-u1000-double-feed-3.html",
      ])
    #expect(
      try String(contentsOfFile: "\(directory)/pepnet-u1000-double-feed-2.html", encoding: .utf8) == "mine")
    #expect(try String(contentsOfFile: svg, encoding: .utf8) == request.svg)
    let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(!left.contains { $0.hasSuffix(".tmp") }, "no temporary file is left: \(left)")
    #expect(left.count == 5)
  }

  @Test func aWriteFailureIsAStatusMessage() throws {
    var s = TestSource.loaded()
    s.exportDirectory = "/nonexistent-pepnet-dir/frames"
    s = TestSource.settle(s, [.key(.char("x"))])
    let note = try #require(s.statusNote)
    #expect(note.hasPrefix("export failed: /nonexistent-pepnet-dir/frames/pepnet-u1000-double-feed-1.svg"))
    #expect(note.contains("No such file or directory"))
    #expect(Explorer.view(s).text.contains("export failed"))
    #expect(!note.contains("\n"))
  }

  @Test func fileNamesKeepOnlySafeCharacters() {
    #expect(FrameExportRequest.stem(user: "u/../x y", domain: "dé\u{1B}[2J") == "pepnet-u____x_y-d___2J")
    #expect(
      FrameExportRequest.stem(user: String(repeating: "a", count: 100), domain: "d").count == 7 + 36 + 2)
  }
}
