/// How a multi-valued feature's cells are written (issue 18, item 4): the values of one cell
/// joined by `separator` (`Action|Comedy`), at most `maxValues` of them.
///
/// Such a feature's vocabulary counts each value on its own; an encoded row holds `maxValues`
/// id slots for it, the value ids first and `MultiValueFormat.padding` after them, and the model
/// mean-pools the values' embeddings. Values that are empty (`Action||Comedy`), missing (the
/// schema's `missing`) or out of vocabulary take no slot; a cell left with no value takes the
/// OOV slot 0 alone, so an empty cell, or one of unknown values only, pools to the OOV row.
public struct MultiValueFormat: Equatable, Sendable {
  public var separator: String
  public var maxValues: Int

  /// The id written in a slot after a cell's last value.
  public static let padding: Int32 = -1

  public init(separator: String, maxValues: Int) {
    self.separator = separator
    self.maxValues = maxValues
  }

  /// The values of a cell, without empty ones and those in `missing`.
  public func values(of cell: String, missing: Set<String>) -> [String] {
    guard !cell.isEmpty else { return [] }
    // Validation refuses an empty separator; should one get here, the cell is one value.
    guard !separator.isEmpty else { return missing.contains(cell) ? [] : [cell] }
    return cell.split(separator: separator, omittingEmptySubsequences: true).map(String.init)
      .filter { !missing.contains($0) }
  }

  /// The number of values of `cell` when it has more than `maxValues` (it cannot be encoded:
  /// refused rather than cut, since dropping values would change the item without a word), or nil.
  public func excess(cell: String, missing: Set<String>) -> Int? {
    let count = values(of: cell, missing: missing).count
    return count > maxValues ? count : nil
  }

  /// Why `cell` cannot be encoded, in one line naming `feature`, or nil.
  public func problem(cell: String, feature: String, missing: Set<String>) -> String? {
    excess(cell: cell, missing: missing).map {
      "'\(feature)' has \($0) values, more than the bundle's multi_max_values (\(maxValues))"
    }
  }

  /// Throws `tooManyValues` at field `field` of `reader`'s record when `cell` has too many values.
  func check(_ cell: String, missing: Set<String>, reader: CSVReader, field: Int, column: String) throws {
    if let count = excess(cell: cell, missing: missing) {
      throw reader.error(.tooManyValues(column: column, count: count, limit: maxValues), field: field)
    }
  }
}

extension DatasetSchema {
  /// The format of feature `name` if the schema lists it in `multi`.
  public func multiValueFormat(of name: String) -> MultiValueFormat? {
    multi?[name].map {
      MultiValueFormat(separator: $0, maxValues: multiMaxValues ?? Self.defaultMultiMaxValues)
    }
  }
}

extension Vocabulary {
  /// Id slots this field takes in an encoded row: `maxValues` for a multi-valued field, else 1.
  public var slots: Int { multi?.maxValues ?? 1 }

  /// Writes the ids of a raw cell into `slots` slots at `out`: the index of the cell (one slot),
  /// or, for a multi-valued field, the indices of its known values then padding (the OOV slot
  /// alone when none is known). Values past `maxValues` are not written: callers check cells
  /// (`MultiValueFormat.problem`) where they can say which file, line and column.
  @inline(__always) func writeIds(of cell: String, into out: UnsafeMutablePointer<Int32>) {
    guard let multi else {
      out[0] = index(of: cell)
      return
    }
    var n = 0
    for value in multi.values(of: cell, missing: missing) where n < multi.maxValues {
      let id = index(of: value)
      if id != 0 {
        out[n] = id
        n += 1
      }
    }
    if n == 0 {
      out[0] = 0
      n = 1
    }
    for k in n..<multi.maxValues { out[k] = MultiValueFormat.padding }
  }

  /// `writeIds` into a new array of `slots` ids.
  public func ids(of cell: String) -> [Int32] {
    var ids = [Int32](repeating: 0, count: slots)
    ids.withUnsafeMutableBufferPointer { writeIds(of: cell, into: $0.baseAddress!) }
    return ids
  }

  /// The ids of a single known value (`index`) in `slots` slots: the value then padding.
  func ids(ofIndex index: Int32) -> [Int32] {
    [index] + [Int32](repeating: MultiValueFormat.padding, count: slots - 1)
  }

  /// Whether every value of `cell` has its own index (a single-valued field: the cell has one),
  /// and a multi-valued cell has at least one and at most `maxValues` values.
  public func containsAll(_ cell: String) -> Bool {
    guard let multi else { return contains(cell) }
    let values = multi.values(of: cell, missing: missing)
    return !values.isEmpty && values.count <= multi.maxValues && values.allSatisfy(contains)
  }
}
