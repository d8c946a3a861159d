import Foundation
import Testing

@testable import PepnetData

/// Reads every record of `path` as strings.
private func readAll(_ path: String, chunkSize: Int = 1 << 22) throws -> (header: [String], rows: [[String]])
{
  let reader = try CSVReader(path: path, chunkSize: chunkSize)
  var rows: [[String]] = []
  while try reader.next() { rows.append((0..<reader.fieldCount).map { reader.string($0) }) }
  return (reader.header, rows)
}

/// The error thrown while reading all of `path`, as its one-line description.
private func errorLine(_ path: String, chunkSize: Int = 1 << 22) -> String? {
  do {
    _ = try readAll(path, chunkSize: chunkSize)
    return nil
  } catch { return "\(error)" }
}

@Suite struct CSVReaderTests {
  @Test func plainAndQuotedFields() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write(
      "a.csv",
      "id,title,n\n1,plain,2\n2,\"with, comma\",3\n3,\"say \"\"hi\"\"\",4\n4,\"two\nlines\",5\n5,,6\n")
    let (header, rows) = try readAll(path)
    #expect(header == ["id", "title", "n"])
    #expect(rows.count == 5)
    #expect(rows[1] == ["2", "with, comma", "3"])
    #expect(rows[2] == ["3", "say \"hi\"", "4"])
    #expect(rows[3] == ["4", "two\nlines", "5"])
    #expect(rows[4] == ["5", "", "6"])
  }

  @Test func crlfBlankLinesBomAndNoFinalNewline() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "\u{FEFF}a,b\r\n1,2\r\n\r\n\"x\",\"y\"\r\n3,4")
    let (header, rows) = try readAll(path)
    #expect(header == ["a", "b"])
    #expect(rows == [["1", "2"], ["x", "y"], ["3", "4"]])
  }

  @Test func tinyChunksGiveTheSameRecords() throws {
    let dir = TempDir()
    defer { dir.remove() }
    var text = "id,title,n\n"
    for i in 0..<200 { text += "\(i),\"t \"\"\(i)\"\", a,\nb\",\(i * 7)\n" }
    let path = dir.write("a.csv", text)
    let big = try readAll(path)
    for chunk in [64, 65, 97, 128] {
      let small = try readAll(path, chunkSize: chunk)
      #expect(small.rows == big.rows)
    }
    #expect(big.rows.count == 200)
    #expect(big.rows[3] == ["3", "t \"3\", a,\nb", "21"])
  }

  @Test func lineNumbersCountNewlinesInsideQuotes() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "a,b\n\"1\n2\",x\n3,y\n")
    let reader = try CSVReader(path: path)
    #expect(try reader.next())
    #expect(reader.line == 2)
    #expect(try reader.next())
    #expect(reader.line == 4)
    #expect(reader.location(ofField: 1) == (4, 3))
  }

  @Test func emptyFile() {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("empty.csv", "")
    #expect(errorLine(path) == "\(path):1:1: empty file: no header line")
    let blank = dir.write("blank.csv", "\n\n")
    #expect(errorLine(blank) == "\(blank):1:1: empty file: no header line")
  }

  @Test func unterminatedQuote() {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "a,b,c\n1,2,3\n4,\"never closed,5\n6,7,8\n")
    #expect(errorLine(path) == "\(path):3:3: unterminated quoted field (opening quote here)")
    #expect(errorLine(path, chunkSize: 64) == "\(path):3:3: unterminated quoted field (opening quote here)")
  }

  @Test func wrongNumberOfFields() {
    let dir = TempDir()
    defer { dir.remove() }
    let more = dir.write("more.csv", "a,b,c\n1,2,3\n1,2,3,4\n")
    #expect(errorLine(more) == "\(more):3:7: wrong number of fields: expected 3, found 4")
    let fewer = dir.write("fewer.csv", "a,b,c\n1,2,3\n10,20\n")
    #expect(errorLine(fewer) == "\(fewer):3:6: wrong number of fields: expected 3, found 2")
  }

  @Test func characterAfterClosingQuote() {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "a,b\n\"x\"y,2\n")
    #expect(
      errorLine(path)
        == "\(path):2:4: unexpected character 'y' after closing quote (expected ',' or end of line)")
  }

  @Test func missingColumn() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "a,b\n1,2\n")
    let reader = try CSVReader(path: path)
    #expect(throws: DataError.self) { try reader.columnIndex("c") }
    do {
      _ = try reader.columnIndex("c")
    } catch {
      #expect("\(error)" == "\(path):1:1: missing column 'c' in header")
    }
    #expect(try reader.columnIndex("b") == 1)
  }

  @Test func missingFileIsAnError() {
    #expect(throws: DataError.self) { try CSVReader(path: "/nonexistent/pepnet/x.csv") }
  }

  @Test func internerGivesDenseStableIds() {
    var interner = ByteInterner(capacity: 2)
    var ids: [Int32] = []
    for i in 0..<1000 { ids.append(interner.intern("k\(i % 300)")) }
    #expect(interner.count == 300)
    #expect(ids[0] == 0 && ids[299] == 299 && ids[300] == 0 && ids[999] == 99)
    #expect(interner.string(42) == "k42")
    #expect(interner.find("k7") == 7)
    #expect(interner.find("nope") == nil)
    #expect(interner.intern("") == 300)
  }

  @Test func numberAndLabelParsing() {
    func f(_ s: String) -> Float? {
      var s = s
      return s.withUTF8 { FieldParsing.float($0) }
    }
    func l(_ s: String) -> Int8? {
      var s = s
      return s.withUTF8 { FieldParsing.label($0) }
    }
    #expect(f("0.0312") == 0.0312)
    #expect(f("1") == 1)
    #expect(f("-2.5") == -2.5)
    #expect(f("3e-4") == 3e-4)
    #expect(f("abc") == nil)
    #expect(f("") == nil)
    #expect(l("1") == 1 && l("0") == 0 && l("") == -1)
    #expect(l("2") == nil && l("yes") == nil && l("01") == nil)
  }
}
