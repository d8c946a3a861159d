/// The domains of a schema that lists none: the distinct values of the train split's domain
/// column, in order of first appearance (issue 18, item 7). Valid and test rows whose domain the
/// train split never shows are then unknown domains, as with a listed schema.
enum DomainInference {
  /// Reads the domain column of `trainPath`; an empty value or a train split without rows is
  /// an error located in the file.
  static func domains(trainPath: String, column: String) throws -> [String] {
    let reader = try CSVReader(path: trainPath)
    let col = try reader.columnIndex(column)
    var interner = ByteInterner(capacity: 8)
    var domains: [String] = []
    while try reader.next() {
      let local = Int(interner.intern(reader.field(col)))
      guard local == domains.count else { continue }
      try reader.checkUTF8(col)
      if reader.field(col).isEmpty { throw reader.error(.emptyDomain(column: column), field: col) }
      domains.append(interner.string(Int32(local)))
    }
    if domains.isEmpty { throw DataError(file: trainPath, line: 1, column: 1, kind: .noRows) }
    return domains
  }
}
