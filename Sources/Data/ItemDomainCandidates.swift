/// The candidate sets of a schema with an `items.domain` column (issue 18, item 8): per domain,
/// the catalogue indices of the items whose cell names it, so that an item is ranked where the
/// catalogue says it belongs (a new item too, before training has seen it anywhere), rather than
/// where training happened to show it.
///
/// A cell names one domain, or several split by `items.domain_separator` (`1|3`). An empty part
/// and a value the schema lists in `missing` name none; an item that names no domain is a
/// candidate nowhere (`--candidates all` still ranks it). Any other value must be one of the
/// schema's domains: an unknown one is refused at its `items.csv:line:column`.
enum ItemDomainCandidates {
  /// Reads `path` (the items file, whose row k is catalogue item k) and returns one ascending set
  /// of catalogue indices per domain, in `schema.domains` order.
  static func read(path: String, schema: DatasetSchema, column: String) throws -> [[Int32]] {
    let reader = try CSVReader(path: path)
    let domainColumn = try reader.columnIndex(column)
    let separator = schema.items.domainSeparator
    let missing = schema.missingValues
    var index: [String: Int] = [:]
    for (d, name) in schema.domains.enumerated() { index[name] = d }
    var sets = schema.domains.map { _ in [Int32]() }
    var item: Int32 = 0
    while try reader.next() {
      let cell = try reader.text(domainColumn)
      let parts = separator.map { cell.components(separatedBy: $0) } ?? [cell]
      var named = Set<Int>()
      for part in parts where !part.isEmpty && !missing.contains(part) {
        guard let d = index[part] else {
          throw reader.error(
            .unknownItemDomain(column: column, value: part, domains: schema.domains), field: domainColumn)
        }
        // An item naming a domain twice is listed once.
        if named.insert(d).inserted { sets[d].append(item) }
      }
      item += 1
    }
    return sets
  }
}
