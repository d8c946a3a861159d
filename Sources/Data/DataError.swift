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
    case duplicateId(column: String, value: String)
    case io(String)
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
      return "label '\(column)' must be 0, 1 or empty, found '\(value)'"
    case .invalidNumber(let column, let value): return "column '\(column)': '\(value)' is not a number"
    case .invalidProbability(let column, let value):
      return "column '\(column)': '\(value)' is not a probability between 0 and 1"
    case .noRows: return "no rows after the header"
    case .unknownDomain(let value): return "unknown domain '\(value)' (not listed in schema.json)"
    case .duplicateId(let column, let value): return "duplicate id '\(value)' in column '\(column)'"
    case .io(let what): return what
    }
  }

  /// `file:line:column: message`, or `file: message` for a whole-file problem (line 0).
  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}
