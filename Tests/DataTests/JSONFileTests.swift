import Foundation
import Testing

@testable import PepnetData

/// `JSONFile.read` and `JSONStructureCheck`: the shared reading path of schema.json, config.json
/// and pipeline.json refuses duplicate keys, absurd nesting and files that are not regular.
@Suite struct JSONFileTests {
  private func problem(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { JSONStructureCheck.problem(in: $0) }
  }

  @Test func duplicateKeysAreNamedWithTheirObjectAndLine() {
    #expect(
      problem(#"{"a": 1, "b": 2, "a": 3}"#)
        == "duplicate key 'a' at line 1; a key may appear once in an object")
    #expect(
      problem("{\"x\": {\"ok\": [1, {\"k\": 1}]},\n \"y\": [{\"k\": 1}, {\"k\": 2, \"k\": 3}]}")
        == "duplicate key 'k' in 'y[1]' at line 2; a key may appear once in an object")
    // An escaped spelling is the same key, as the decoder sees it.
    #expect(
      problem(#"{"caf\u00e9": 1, "café": 2}"#)
        == "duplicate key 'café' at line 1; a key may appear once in an object")
    #expect(
      problem(#"{"\ud83d\ude00": 1, "😀": 2}"#)
        == "duplicate key '😀' at line 1; a key may appear once in an object")
  }

  @Test func sameKeysInDifferentObjectsAndStringsWithBracketsAreFine() {
    #expect(problem(#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "s": "{\"a\": [[[", "t": "\\"}"#) == nil)
    #expect(problem(#"["a", "a", {"a": "a"}]"#) == nil)
    // Malformed JSON is left to the decoder.
    #expect(problem(#"{"a": 1}}]]"#) == nil)
    #expect(problem(#"{"a"#) == nil)
  }

  @Test func nestingIsLimited() {
    let limit = JSONStructureCheck.maxDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(problem(deepest) == nil)
    let deeper = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
    #expect(problem(deeper) == "nested more than 64 levels deep at line 1 (pepnet reads at most 64)")
    // Foundation alone calls the same text invalid JSON without saying why.
    #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(deeper.utf8)) }
  }

  @Test func foundationKeepsOneValueOfADuplicateKeySilently() throws {
    // Why the scan exists: the decoder accepts this and keeps one "context".
    let text = #"{"context": ["hour"], "context": ["like"]}"#
    struct Impressions: Decodable { var context: [String] }
    #expect((try? JSONDecoder().decode(Impressions.self, from: Data(text.utf8))) != nil)
    #expect(problem(text) != nil)
  }

  @Test func readRefusesWhatIsNotARegularFile() throws {
    let dir = TempDir()
    defer { dir.remove() }
    func reason(_ path: String) -> JSONFile.Problem? {
      do throws(JSONFile.Problem) {
        _ = try JSONFile.read(atPath: path)
        return nil
      } catch { return error }
    }
    #expect(reason("/dev/zero") == .unreadable("not a regular file (it is a character device)"))
    let fifo = dir.path("fifo.json")
    #expect(mkfifo(fifo, 0o644) == 0)
    #expect(reason(fifo) == .unreadable("not a regular file (it is a FIFO)"))
    #expect(reason(dir.path("none.json")) == .unreadable("No such file or directory"))
    #expect(reason(dir.url.path) == .unreadable("Is a directory"))
    let dup = dir.write("dup.json", "{\n\"a\": 1,\n\"a\": 2}")
    #expect(reason(dup) == .invalid("duplicate key 'a' at line 3; a key may appear once in an object"))
    let ok = dir.write("ok.json", #"{"a": [1, 2]}"#)
    #expect(try JSONFile.read(atPath: ok) == Data(#"{"a": [1, 2]}"#.utf8))
    #expect(try JSONFile.read(atPath: dir.write("empty.json", "")).isEmpty)
  }

  @Test func schemaLoadGoesThroughTheSharedReader() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let url = dir.url.appendingPathComponent("schema.json")
    try Fixture.schema.write(to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "\"domains\" : [", with: "\"domains\" : [], \"domains\" : [").utf8)
      .write(to: url)
    do {
      _ = try DatasetSchema.load(from: url)
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".hasPrefix("\(url.path): duplicate key 'domains' at line "))
    }
  }

  /// `JSONFile.decode(_:at:)` is the one reading preamble of `schema.json` and `truth.json`: both
  /// files' loaders give the same `FileError` for every problem found before their own checks.
  @Test func decodeGivesBothLoadersTheSameFileErrors() throws {
    let dir = TempDir()
    defer { dir.remove() }
    func problems(_ path: String) -> [String] {
      let url = URL(fileURLWithPath: path)
      var out: [String] = []
      do {
        _ = try DatasetSchema.load(from: url)
      } catch { out.append("\(error)") }
      do {
        _ = try GroundTruth.load(from: url)
      } catch { out.append("\(error)") }
      do throws(FileError) {
        _ = try JSONFile.decode([String: Int].self, at: path)
      } catch { out.append("\(error)") }
      return out
    }
    let cases: [(path: String, problem: String)] = [
      (dir.path("none.json"), "cannot read: No such file or directory"),
      (dir.url.path, "cannot read: Is a directory"),
      (dir.write("empty.json", ""), "empty file (expected a JSON object)"),
      (
        dir.write("dup.json", "{\"a\": 1, \"a\": 2}"),
        "duplicate key 'a' at line 1; a key may appear once in an object"
      ),
      (
        dir.write("list.json", "[1]"),
        "wrong type at '': Expected to decode Dictionary<String, Any> but found an array instead."
      ),
    ]
    for (path, problem) in cases {
      #expect(problems(path) == Array(repeating: "\(path): \(problem)", count: 3), "\(path)")
    }
    // The decoder's own errors keep their words: a schema's unknown key names itself.
    let key = dir.write("key.json", #"{"version": 1, "splts": {}}"#)
    #expect(
      (try? JSONFile.decode(DatasetSchema.self, at: key)) == nil
        && problems(key)[0].hasPrefix("\(key): unknown key 'splts'; closest: splits, "))
  }
}
