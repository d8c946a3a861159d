/// A problem with an import that is not located in the log (those are `DataError`s).
public enum ImportError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The shares leave a split without rows for a log of `rows` rows.
  case emptySplit(String, rows: Int)

  public var description: String {
    switch self {
    case .emptySplit(let split, let rows):
      return
        "the log's \(rows) rows leave the \(split) split empty; give a longer log or other --split shares"
    }
  }
}
