#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming RFC 4180 CSV reader over raw bytes.
///
/// Reads the file in large chunks and parses records in place: unquoted fields are views into
/// the read buffer, quoted fields (which may contain commas, doubled quotes and newlines) are
/// unescaped into a scratch buffer. No `String` is made per field unless asked for, so callers
/// can intern bytes directly. Accepts LF and CRLF line ends, skips blank lines and a UTF-8 BOM.
///
///     let reader = try CSVReader(path: "train.csv")
///     let user = try reader.columnIndex("user_id")
///     while try reader.next() { let bytes = reader.field(user) ... }
///
/// Field views are valid until the next call to `next()`.
public final class CSVReader {
  /// The path as given, used in error messages.
  public let path: String
  /// The header's column names.
  public private(set) var header: [String] = []
  /// Bytes read so far.
  public private(set) var bytesRead = 0
  /// The 1-based line number where the current record starts.
  public private(set) var line = 0
  /// Number of fields in the current record.
  public private(set) var fieldCount = 0
  /// When true (the default), every record must have as many fields as the header.
  public var requiresHeaderFieldCount = true

  private let fd: Int32
  private var buffer: UnsafeMutablePointer<UInt8>
  private var scratch: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var start = 0
  private var end = 0
  private var eof = false
  private var recordStart = 0
  private var nextLine = 1
  // Per field of the current record.
  private var fieldOffset: UnsafeMutablePointer<Int>
  private var fieldLength: UnsafeMutablePointer<Int>
  private var fieldQuoted: UnsafeMutablePointer<Bool>
  private var fieldSource: UnsafeMutablePointer<Int>
  private var fieldCapacity = 64
  private var recordEnd = 0

  /// The default limit on one record's length: far above any real row, low enough that a file
  /// without line breaks fails quickly instead of filling memory.
  public static let defaultMaxRecordBytes = 16 << 20

  /// The longest record accepted, in bytes, its line end included.
  public let maxRecordBytes: Int

  /// Opens `path` and reads its header. Throws `DataError.emptyFile` if there is no header, and
  /// refuses what is not a UTF-8 CSV file: a FIFO or device, UTF-16, CR-only line ends, invalid
  /// UTF-8 or a column named twice in the header.
  public init(path: String, chunkSize: Int = 1 << 22, maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes)
    throws
  {
    self.path = path
    self.maxRecordBytes = maxRecordBytes
    // Only a regular file is read: a FIFO would block and a device such as /dev/zero never ends.
    var openProblem: String? = nil
    switch FileAccess.openRegularFile(path) {
    case .success(let opened): fd = opened
    case .failure(let problem):
      fd = -1
      openProblem = problem.reason
    }
    // A file smaller than a chunk gets a buffer of its size (a record longer than the buffer
    // grows it, so a file that grows meanwhile is still read whole).
    var info = stat()
    if fd >= 0 && fstat(fd, &info) == 0 {
      capacity = max(min(chunkSize, Int(info.st_size) + 1), 64)
    } else {
      capacity = max(chunkSize, 64)
    }
    buffer = .allocate(capacity: capacity)
    scratch = .allocate(capacity: capacity)
    fieldOffset = .allocate(capacity: fieldCapacity)
    fieldLength = .allocate(capacity: fieldCapacity)
    fieldQuoted = .allocate(capacity: fieldCapacity)
    fieldSource = .allocate(capacity: fieldCapacity)
    if let openProblem {
      throw DataError(file: path, line: 0, column: 0, kind: .io("cannot open file: \(openProblem)"))
    }
    try fill()
    try checkTextEncoding()
    if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    requiresHeaderFieldCount = false
    guard try next() else { throw DataError(file: path, line: 1, column: 1, kind: .emptyFile) }
    try checkHeaderLineEnds()
    try checkHeader()
    header = (0..<fieldCount).map { string($0) }
    requiresHeaderFieldCount = true
  }

  /// Refuses, from the first chunk, a UTF-16 file (which would otherwise read as one garbled
  /// column).
  private func checkTextEncoding() throws {
    if end >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)) {
      throw DataError(file: path, line: 1, column: 1, kind: .utf16)
    }
    // UTF-16 without a byte order mark: ASCII text with a NUL before or after every character.
    let sample = min(end, 64) & ~1
    if sample >= 4 {
      // Per parity of the offset: every byte there is NUL, every byte there is not.
      var allNUL = [true, true], noNUL = [true, true]
      for k in 0..<sample {
        let isNUL = buffer[k] == 0
        allNUL[k & 1] = allNUL[k & 1] && isNUL
        noNUL[k & 1] = noNUL[k & 1] && !isNUL
      }
      if (allNUL[1] && noNUL[0]) || (allNUL[0] && noNUL[1]) {
        throw DataError(file: path, line: 1, column: 1, kind: .utf16)
      }
    }
  }

  /// Refuses CR-only line ends (which would make the whole file one header line): a CR in the
  /// header line that does not start its CRLF. Checked on the whole header record, which is in
  /// the buffer whatever the chunk size, so the verdict does not depend on it (a check of the
  /// first chunk alone did: a header longer than a small chunk was refused only then).
  private func checkHeaderLineEnds() throws {
    var p = recordStart
    while p < recordEnd {
      if buffer[p] == UInt8(ascii: "\r") && !(p + 1 < end && buffer[p + 1] == UInt8(ascii: "\n")) {
        throw DataError(file: path, line: line, column: p - recordStart + 1, kind: .crLineEnds)
      }
      p += 1
    }
  }

  /// The header's names must be UTF-8 and distinct: with a column twice, which one a field name
  /// meant would be a guess.
  private func checkHeader() throws {
    var first: [String: Int] = [:]
    for i in 0..<fieldCount {
      try checkUTF8(i)
      let name = string(i)
      if let earlier = first[name] {
        throw error(.duplicateColumn(name: name, firstField: earlier + 1), field: i)
      }
      first[name] = i
    }
  }

  deinit {
    if fd >= 0 { close(fd) }
    buffer.deallocate()
    scratch.deallocate()
    fieldOffset.deallocate()
    fieldLength.deallocate()
    fieldQuoted.deallocate()
    fieldSource.deallocate()
  }

  /// The index of a header column, or a `missingColumn` error located at the header.
  public func columnIndex(_ name: String) throws -> Int {
    guard let i = header.firstIndex(of: name) else {
      throw DataError(file: path, line: 1, column: 1, kind: .missingColumn(name))
    }
    return i
  }

  /// The index of a header column if present.
  public func optionalColumnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

  /// The bytes of field `i` of the current record.
  @inline(__always) public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let base = fieldQuoted[i] ? scratch : buffer
    return UnsafeBufferPointer(start: base + fieldOffset[i], count: fieldLength[i])
  }

  /// Field `i` of the current record as a string (ill-formed UTF-8 becomes U+FFFD; see `text`).
  public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

  /// Field `i` of the current record as a string, or an `invalidUTF8` error at the bad byte.
  public func text(_ i: Int) throws -> String {
    try checkUTF8(i)
    return string(i)
  }

  /// Throws `invalidUTF8` located at the first ill-formed byte of field `i`. Ingest calls it once
  /// per distinct value, so that a bad byte is reported where it is, not as a garbled id later.
  public func checkUTF8(_ i: Int) throws {
    guard let bad = UTF8Validation.firstInvalidByte(field(i)) else { return }
    var (l, c) = location(ofField: i)
    // An unquoted field is a view of its line: the bad byte's column is exact. In a quoted one
    // it is the offset after unescaping, past the opening quote.
    c += fieldQuoted[i] ? 1 + bad : bad
    if fieldQuoted[i] {
      let before = UnsafeBufferPointer(rebasing: field(i)[..<bad])
      if let lastBreak = before.lastIndex(of: UInt8(ascii: "\n")) {
        l += before.filter { $0 == UInt8(ascii: "\n") }.count
        c = bad - lastBreak
      }
    }
    throw DataError(file: path, line: l, column: c, kind: .invalidUTF8(byte: field(i)[bad]))
  }

  /// Line and column (1-based, bytes) where field `i` of the current record starts.
  public func location(ofField i: Int) -> (line: Int, column: Int) {
    position(of: i < fieldCount ? fieldSource[i] : recordEnd, recordLine: line)
  }

  /// An error located at field `i` of the current record.
  public func error(_ kind: DataError.Kind, field i: Int) -> DataError {
    let (l, c) = location(ofField: i)
    return DataError(file: path, line: l, column: c, kind: kind)
  }

  /// Advances to the next record; false at end of file.
  public func next() throws -> Bool {
    while true {
      if start >= end {
        if eof { return false }
        try refill()
        continue
      }
      // Blank lines are skipped.
      if buffer[start] == UInt8(ascii: "\n") {
        start += 1
        nextLine += 1
        continue
      }
      if buffer[start] == UInt8(ascii: "\r") && start + 1 < end && buffer[start + 1] == UInt8(ascii: "\n") {
        start += 2
        nextLine += 1
        continue
      }
      if let newlines = try parseRecord() {
        line = nextLine
        nextLine += newlines
        if requiresHeaderFieldCount && fieldCount != header.count { throw fieldCountError() }
        return true
      }
      if eof { return false }  // unreachable: parseRecord completes at EOF
      try refill()
    }
  }

  private func fieldCountError() -> DataError {
    let expected = header.count
    let found = fieldCount
    let at = found > expected ? expected : found
    var (l, c) = location(ofField: at)
    if found < expected {
      // Point just past the last field.
      (l, c) = location(ofField: found)
    }
    return DataError(file: path, line: l, column: c, kind: .wrongFieldCount(expected: expected, found: found))
  }

  /// Parses one record starting at `start`. Returns the number of line breaks it consumed, or nil
  /// if the buffer ends before the record does (and more input is available).
  private func parseRecord() throws -> Int? {
    let buf = buffer
    let e = end
    var p = start
    var newlines = 0
    var count = 0
    var scratchPos = 0
    let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""),
      cr = UInt8(ascii: "\r")
    recordStart = start
    while true {
      if count == fieldCapacity { growFields() }
      if p < e && buf[p] == quote {
        let open = p
        p += 1
        let begin = scratchPos
        var closed = false
        while p < e {
          let c = buf[p]
          if c == quote {
            if p + 1 < e {
              if buf[p + 1] == quote {
                scratch[scratchPos] = quote
                scratchPos += 1
                p += 2
                continue
              }
              p += 1
              closed = true
              break
            }
            if !eof { return nil }
            p += 1
            closed = true
            break
          }
          if c == newline { newlines += 1 }
          scratch[scratchPos] = c
          scratchPos += 1
          p += 1
        }
        if !closed {
          if !eof { return nil }
          fieldCount = count
          line = nextLine
          recordEnd = open
          let (l, col) = locate(open)
          throw DataError(file: path, line: l, column: col, kind: .unterminatedQuote)
        }
        fieldOffset[count] = begin
        fieldLength[count] = scratchPos - begin
        fieldQuoted[count] = true
        fieldSource[count] = open
        count += 1
        if p >= e {
          if !eof { return nil }
          break
        }
        let c = buf[p]
        if c == comma {
          p += 1
          continue
        }
        if c == newline {
          p += 1
          newlines += 1
          break
        }
        if c == cr && p + 1 < e && buf[p + 1] == newline {
          p += 2
          newlines += 1
          break
        }
        if c == cr && p + 1 >= e && !eof { return nil }
        line = nextLine
        let (l, col) = locate(p)
        throw DataError(
          file: path, line: l, column: col,
          kind: .unexpectedCharacterAfterQuote(Character(Unicode.Scalar(c))))
      } else {
        let fs = p
        while p < e {
          let c = buf[p]
          if c == comma || c == newline { break }
          p += 1
        }
        if p >= e && !eof { return nil }
        var fe = p
        if fe > fs && buf[fe - 1] == cr { fe -= 1 }
        fieldOffset[count] = fs
        fieldLength[count] = fe - fs
        fieldQuoted[count] = false
        fieldSource[count] = fs
        count += 1
        if p >= e { break }
        if buf[p] == comma {
          p += 1
          continue
        }
        p += 1
        newlines += 1
        break
      }
    }
    fieldCount = count
    recordEnd = newlines > 0 ? p - 1 : p
    start = p
    return newlines
  }

  /// Line and column of buffer offset `offset` within the record being parsed.
  private func locate(_ offset: Int) -> (Int, Int) { position(of: offset, recordLine: nextLine) }

  /// Line and column (1-based, bytes) of buffer offset `offset` within the record that starts at
  /// `recordStart` on line `recordLine`: the one loop that counts the line breaks before it.
  private func position(of offset: Int, recordLine: Int) -> (line: Int, column: Int) {
    var l = recordLine
    var lineStart = recordStart
    var p = recordStart
    while p < offset {
      if buffer[p] == UInt8(ascii: "\n") {
        l += 1
        lineStart = p + 1
      }
      p += 1
    }
    return (l, offset - lineStart + 1)
  }

  private func growFields() {
    let newCapacity = fieldCapacity * 2
    func grow<T>(_ p: inout UnsafeMutablePointer<T>) {
      let q = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
      q.moveInitialize(from: p, count: fieldCapacity)
      p.deallocate()
      p = q
    }
    grow(&fieldOffset)
    grow(&fieldLength)
    grow(&fieldQuoted)
    grow(&fieldSource)
    fieldCapacity = newCapacity
  }

  /// Moves the unparsed tail to the front (growing the buffer if one record fills it) and reads more.
  private func refill() throws {
    let remaining = end - start
    if start == 0 && remaining == capacity {
      // One record fills the buffer. At the limit it is refused: a file without line breaks would
      // otherwise be read into memory whole.
      if remaining >= maxRecordBytes {
        throw DataError(file: path, line: nextLine, column: 1, kind: .recordTooLong(limit: maxRecordBytes))
      }
      let newCapacity = min(capacity * 2, maxRecordBytes)
      let b = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      b.update(from: buffer, count: end)
      buffer.deallocate()
      buffer = b
      scratch.deallocate()
      scratch = .allocate(capacity: newCapacity)
      capacity = newCapacity
    } else if start > 0 {
      if remaining > 0 { memmove(buffer, buffer + start, remaining) }
      start = 0
      end = remaining
    }
    try fill()
  }

  private func fill() throws {
    while end < capacity && !eof {
      let n = read(fd, buffer + end, capacity - end)
      if n < 0 {
        if errno == EINTR { continue }
        throw DataError(
          file: path, line: nextLine, column: 0, kind: .io("read failed: \(String(cString: strerror(errno)))")
        )
      }
      if n == 0 {
        eof = true
        break
      }
      end += n
      bytesRead += n
      // One read per refill is enough to make progress; avoid blocking on pipes.
      break
    }
  }
}
