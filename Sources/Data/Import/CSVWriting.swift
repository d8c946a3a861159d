import Foundation

/// RFC 4180 output for the files `pepnet import` writes, readable back by `CSVReader`.
enum CSVWriting {
  /// One record, with its LF line end. A field is quoted when it holds a comma, a quote or a line
  /// break (its quotes doubled), and so is a record of one empty field, which would otherwise be
  /// a blank line (skipped on reading).
  static func record(_ fields: [String]) -> String {
    if fields.count == 1 && fields[0].isEmpty { return "\"\"\n" }
    return fields.map(quoted).joined(separator: ",") + "\n"
  }

  static func quoted(_ field: String) -> String {
    guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
