import ArgumentParser

/// `pepnet import --multi COL=SEP` (issue 18 item 4): the log's multi-valued feature columns,
/// each with the separator of its values, written into the schema's `multi`. Repeatable, and
/// each occurrence may be a comma list (`genres=|,tags=;`); a piece without `=` continues the
/// separator before it, so `tags=,` names a comma.
enum MultiValueOption {
  static let help: ArgumentHelp =
    "A multi-valued feature column and the separator of its values, e.g. genres=| (repeatable, or a comma list)."

  /// Column -> separator; a usage error for an entry without a column or a separator, a column
  /// given twice, one that is not among `features`, or one that is `numeric` too.
  static func parse(_ texts: [String], features: [String], numeric: [String] = []) throws -> [String: String]
  {
    var entries: [String] = []
    for text in texts {
      for piece in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
        if piece.contains("=") || entries.isEmpty {
          entries.append(piece)
        } else {
          entries[entries.count - 1] += "," + piece
        }
      }
    }
    var multi: [String: String] = [:]
    for entry in entries {
      guard let eq = entry.firstIndex(of: "="), eq != entry.startIndex else {
        throw ValidationError("--multi must look like COLUMN=SEPARATOR (e.g. genres=|), got '\(entry)'")
      }
      let column = String(entry[..<eq])
      let separator = String(entry[entry.index(after: eq)...])
      if separator.isEmpty { throw ValidationError("--multi \(column)= has an empty separator") }
      if multi[column] != nil { throw ValidationError("--multi names '\(column)' twice") }
      guard features.contains(column) else {
        throw ValidationError(
          "--multi names '\(column)', which is not one of --user-features, --item-features or --context")
      }
      if numeric.contains(column) {
        throw ValidationError(
          "--multi and --numeric both name '\(column)': a numeric feature has one number per cell")
      }
      multi[column] = separator
    }
    return multi
  }
}
