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

  /// Writes raw bytes (which need not be UTF-8) and returns the path.
  private func writeBytes(_ dir: TempDir, _ name: String, _ bytes: [UInt8]) -> String {
    let path = dir.path(name)
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func duplicateHeaderColumnIsRefusedAtItsSecondOccurrence() {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "id,like,hour,like\n1,0,3,1\n")
    #expect(errorLine(path) == "\(path):1:14: column 'like' appears twice in the header (first as field 2)")
    // Quoted and unquoted spellings are the same name.
    let quoted = dir.write("b.csv", "id,\"id\"\n1,2\n")
    #expect(errorLine(quoted) == "\(quoted):1:4: column 'id' appears twice in the header (first as field 1)")
  }

  @Test func utf16IsRecognisedWithAndWithoutByteOrderMark() {
    let dir = TempDir()
    defer { dir.remove() }
    let text = "user_id,x\nu1,2\n"
    let le = writeBytes(
      dir, "le.csv", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    let be = writeBytes(
      dir, "be.csv", [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    let bare = writeBytes(dir, "bare.csv", text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    for path in [le, be, bare] {
      #expect(
        errorLine(path)
          == "\(path):1:1: the file is UTF-16; pepnet reads UTF-8 text (convert it, e.g. iconv -f UTF-16 -t UTF-8)"
      )
    }
    // A UTF-8 byte order mark is still skipped, and a stray NUL is not taken for UTF-16.
    let utf8 = writeBytes(dir, "utf8.csv", [0xEF, 0xBB, 0xBF] + Array("a,b\n1,\0\n".utf8))
    #expect(errorLine(utf8) == nil)
  }

  @Test func crOnlyLineEndsAreNamed() {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("a.csv", "user,item\ru1,i1\ru2,i2\r")
    #expect(
      errorLine(path)
        == "\(path):1:10: lines end in CR only (classic Mac OS); pepnet reads LF or CRLF line ends")
    // CRLF, and a CR inside a field of an LF file, are fine.
    let crlf = dir.write("b.csv", "a,b\r\n1,2\r\n")
    #expect(errorLine(crlf) == nil)
    let inside = dir.write("c.csv", "a,b\n\"x\ry\",2\n")
    #expect(try! readAll(inside).rows == [["x\ry", "2"]])
  }

  /// The verdict does not depend on the chunk size (found by the csv fuzz target: a bare CR in a
  /// header longer than a small first chunk was refused with a small chunk only).
  @Test func crInALongHeaderIsJudgedAlikeForEveryChunkSize() {
    let dir = TempDir()
    defer { dir.remove() }
    let header =
      "user_id,item_id,domain,\rour,network," + String(repeating: "long_column_name,", count: 8) + "x"
    let path = dir.write(
      "a.csv", header + "\nu1,i1,featured,9,wifi" + String(repeating: ",0", count: 9) + "\n")
    let verdicts = [64, 100, 1 << 22].map { errorLine(path, chunkSize: $0) }
    #expect(verdicts.allSatisfy { $0 == verdicts[0] }, "\(verdicts)")
    #expect(
      verdicts[0]?.hasSuffix(
        ":1:24: lines end in CR only (classic Mac OS); pepnet reads LF or CRLF line ends") == true)
  }

  @Test func invalidUTF8IsLocatedAtTheByte() throws {
    let dir = TempDir()
    defer { dir.remove() }
    // Header: the bad byte is the third of field 2.
    let header = writeBytes(dir, "h.csv", Array("id,ab".utf8) + [0xFF] + Array("\n1,2\n".utf8))
    #expect(errorLine(header) == "\(header):1:6: invalid UTF-8 (byte 0xFF); pepnet reads UTF-8 text")
    // A field: `text` throws where `string` repairs.
    let path = writeBytes(dir, "a.csv", Array("id,name\n1,caf\u{e9}\n2,caf".utf8) + [0xE9] + Array("\n".utf8))
    let reader = try CSVReader(path: path)
    #expect(try reader.next())
    #expect(try reader.text(1) == "caf\u{e9}")
    #expect(try reader.next())
    #expect(reader.string(1) == "caf\u{FFFD}")
    #expect(throws: DataError(file: path, line: 3, column: 6, kind: .invalidUTF8(byte: 0xE9))) {
      try reader.text(1)
    }
    // Inside quotes, on the second line of the field.
    let quoted = writeBytes(
      dir, "q.csv", Array("id,name\n1,\"ab\nc".utf8) + [0xC0, 0x80] + Array("\"\n".utf8))
    let q = try CSVReader(path: quoted)
    #expect(try q.next())
    #expect(throws: DataError(file: quoted, line: 3, column: 2, kind: .invalidUTF8(byte: 0xC0))) {
      try q.checkUTF8(1)
    }
  }

  @Test func utf8ValidationFollowsTheStandard() {
    func bad(_ bytes: [UInt8]) -> Int? {
      bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte($0) }
    }
    #expect(bad(Array("plain ascii".utf8)) == nil)
    #expect(bad(Array("caf\u{e9} \u{4e2d} \u{1F600}".utf8)) == nil)
    #expect(bad([0x61, 0xC0, 0x80]) == 1)  // overlong
    #expect(bad([0xE0, 0x80, 0x80]) == 0)  // overlong
    #expect(bad([0xED, 0xA0, 0x80]) == 0)  // surrogate
    #expect(bad([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
    #expect(bad([0x61, 0x62, 0xE2, 0x82]) == 2)  // truncated
    #expect(bad([0x80]) == 0)  // lone continuation
    #expect(bad([0xF5, 0x80, 0x80, 0x80]) == 0)
  }

  @Test func recordsPastTheLimitAreRefused() throws {
    let dir = TempDir()
    defer { dir.remove() }
    func read(_ text: String) -> String? {
      do {
        let reader = try CSVReader(path: dir.write("a.csv", text), chunkSize: 64, maxRecordBytes: 100)
        while try reader.next() {}
        return nil
      } catch { return "\(error)" }
    }
    let path = dir.path("a.csv")
    let tooLong = "record longer than 100 bytes, the most pepnet reads in one record (line end included)"
    #expect(read("a,b\n" + String(repeating: "x", count: 97) + ",y\n" + "1,2\n") == nil)
    #expect(read("a,b\n" + String(repeating: "x", count: 96) + ",y\r\n" + "1,2\n") == nil)
    #expect(read("a,b\n1,2\n" + String(repeating: "x", count: 98) + ",y\n") == "\(path):3:1: \(tooLong)")
    // A file without line breaks stops at the limit instead of being read whole.
    #expect(read(String(repeating: "z", count: 1000)) == "\(path):1:1: \(tooLong)")
  }

  @Test func fifoAndDevicesAreRefusedWithoutBlocking() {
    let dir = TempDir()
    defer { dir.remove() }
    let fifo = dir.path("fifo.csv")
    #expect(mkfifo(fifo, 0o644) == 0)
    // Opening a FIFO without a writer would block forever; it is refused at once.
    #expect(errorLine(fifo) == "\(fifo): cannot open file: not a regular file (it is a FIFO)")
    #expect(
      errorLine("/dev/zero") == "/dev/zero: cannot open file: not a regular file (it is a character device)")
    #expect(FileAccess.readProblem(fifo) == "not a regular file (it is a FIFO)")
    #expect(FileAccess.readProblem("/dev/null") == "not a regular file (it is a character device)")
    #expect(FileAccess.readProblem(dir.url.path) == "Is a directory")
    #expect(FileAccess.readProblem(dir.write("ok.csv", "a\n")) == nil)
  }
}
