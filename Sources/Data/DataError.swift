import PepnetText

/// An ingest error located in a file: one line, `file:line:column: message`.
///
/// Lines and columns are 1-based; the column is the byte offset of the offending field within
/// its line (for a missing header column, the start of the header).
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    case emptyFile
    case missingColumn(String)
    case wrongFieldCount(expected: Int, found: Int)
    case unterminatedQuote
    case unexpectedCharacterAfterQuote(Character)
    case invalidLabel(column: String, value: String)
    case invalidNumber(column: String, value: String)
    case invalidProbability(column: String, value: String)
    case noRows
    case unknownDomain(String)
    /// An `items.domain` cell names a domain the schema does not have.
    case unknownItemDomain(column: String, value: String, domains: [String])
    /// An empty domain cell in a train split whose domains are inferred (`schema.json` lists none).
    case emptyDomain(column: String)
    case duplicateId(column: String, value: String)
    /// A header names a column twice; `firstField` is the 1-based field of the first occurrence.
    case duplicateColumn(name: String, firstField: Int)
    /// A byte that is not part of well-formed UTF-8.
    case invalidUTF8(byte: UInt8)
    /// The file is UTF-16 (a byte order mark, or NUL bytes between ASCII ones).
    case utf16
    /// Lines end in a bare CR (classic Mac OS): the whole file would be one line.
    case crLineEnds
    /// One record (with its line end) is longer than the reader's limit in bytes.
    case recordTooLong(limit: Int)
    case io(String)
    /// A cell of a multi-valued feature with more values than `multi_max_values`.
    case tooManyValues(column: String, count: Int, limit: Int)
  }

  public var file: String
  public var line: Int
  public var column: Int
  public var kind: Kind

  public init(file: String, line: Int, column: Int, kind: Kind) {
    self.file = file
    self.line = line
    self.column = column
    self.kind = kind
  }

  public var message: String {
    switch kind {
    case .emptyFile: return "empty file: no header line"
    case .missingColumn(let name): return "missing column '\(name)' in header"
    case .wrongFieldCount(let expected, let found):
      return "wrong number of fields: expected \(expected), found \(found)"
    case .unterminatedQuote: return "unterminated quoted field (opening quote here)"
    case .unexpectedCharacterAfterQuote(let c):
      return "unexpected character '\(c)' after closing quote (expected ',' or end of line)"
    case .invalidLabel(let column, let value):
      return "label '\(column)' must be 0 or 1 (or 0.0, 1.0, false, true), or missing (empty, NA, NaN),"
        + " found '\(value)'"
    case .invalidNumber(let column, let value): return "column '\(column)': '\(value)' is not a number"
    case .invalidProbability(let column, let value):
      return "column '\(column)': '\(value)' is not a probability between 0 and 1"
    case .noRows: return "no rows after the header"
    case .unknownDomain(let value): return "unknown domain '\(value)' (not listed in schema.json)"
    case .unknownItemDomain(let column, let value, let domains):
      return "column '\(column)': " + NameResolver.unknown("domain", value, among: domains)
    case .emptyDomain(let column):
      return "column '\(column)' is empty: schema.json lists no domains, so every train row needs one"
    case .duplicateId(let column, let value): return "duplicate id '\(value)' in column '\(column)'"
    case .duplicateColumn(let name, let first):
      return "column '\(name)' appears twice in the header (first as field \(first))"
    case .invalidUTF8(let byte):
      return "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); pepnet reads UTF-8 text"
    case .utf16:
      return "the file is UTF-16; pepnet reads UTF-8 text (convert it, e.g. iconv -f UTF-16 -t UTF-8)"
    case .crLineEnds: return "lines end in CR only (classic Mac OS); pepnet reads LF or CRLF line ends"
    case .recordTooLong(let limit):
      let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB (\(limit) bytes)" : "\(limit) bytes"
      return "record longer than \(size), the most pepnet reads in one record (line end included)"
    case .io(let what): return what
    case .tooManyValues(let column, let count, let limit):
      return "column '\(column)': \(count) values, more than multi_max_values (\(limit)) in schema.json"
    }
  }

  /// `file:line:column: message`, or `file: message` for a whole-file problem (line 0).
  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}
