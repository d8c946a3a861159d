import Foundation

/// `pepnet import`'s work: reads a flat impression log (one row per impression, a header line)
/// whole, checks it, and builds a dataset folder in pepnet's format (docs/data-format.md):
/// `schema.json`, `users.csv` and `items.csv` built from the log's side columns, and the three
/// splits holding the impression columns.
///
/// Everything is read and checked before anything is written (`read`), so that a bad log
/// leaves no file behind; `write` fills a folder the caller swaps in whole.
public struct ImportedLog {
  /// A side column whose ids disagreed, e.g. `users.age` with 3 ids.
  public struct Conflict: Equatable, Sendable {
    public var table: String
    public var column: String
    public var ids: Int
  }

  public let settings: ImportSettings
  /// The domain values in order of first appearance in the log.
  public let domains: [String]
  /// Rows of the impression columns, per split, in log order.
  public let splits: [Dataset.Split: [[String]]]
  public let users: [[String]]
  public let items: [[String]]
  /// Side columns on which some ids disagreed (most common value kept), in table and column order.
  public let conflicts: [Conflict]

  /// Reads and checks `settings.log`. Every problem in the log is one `DataError` at its line and
  /// column: a column missing from the header, an empty id or domain, a label that is not one.
  public static func read(_ settings: ImportSettings) throws -> ImportedLog {
    let reader = try CSVReader(path: settings.log)
    func column(_ name: String) throws -> Int { try reader.columnIndex(name) }
    let impression = try settings.impressionColumns.map(column)
    let userId = try column(settings.userId)
    let itemId = try column(settings.itemId)
    let domain = try column(settings.domain)
    let labels = try settings.tasks.map(column)
    let userColumns = try settings.userFeatures.map(column)
    let itemColumns = try settings.itemColumns.map(column)
    var splitKey: Int? = nil
    if case .byColumn(let name, _, _) = settings.split { splitKey = try column(name) }
    let missing = Set(settings.missing)
    let isMissing: (String) -> Bool = { missing.contains($0) }

    var users = LogSideTable(columns: settings.userFeatures)
    var items = LogSideTable(columns: settings.itemColumns)
    var rows: [[String]] = []
    var keys: [String] = []
    var domains: [String] = []
    var seenDomains = Set<String>()
    let used = Set(impression + userColumns + itemColumns + (splitKey.map { [$0] } ?? []))
    // Each domain an --item-domain cell names, with where it first appears (checked at the end,
    // when the log's domains are known).
    let itemDomainColumn = try settings.itemDomain.map(column)
    var itemDomainFirstSeen: [String: (line: Int, column: Int)] = [:]
    var itemDomainOrder: [String] = []
    while try reader.next() {
      for i in used { try reader.checkUTF8(i) }
      for (i, name) in [(userId, settings.userId), (itemId, settings.itemId), (domain, settings.domain)]
      where reader.field(i).isEmpty {
        throw reader.error(.io("column '\(name)' is empty; every impression needs one"), field: i)
      }
      for (i, task) in zip(labels, settings.tasks) where FieldParsing.label(reader.field(i)) == nil {
        throw reader.error(.invalidLabel(column: task, value: reader.string(i)), field: i)
      }
      let value = reader.string(domain)
      if seenDomains.insert(value).inserted { domains.append(value) }
      users.add(id: reader.string(userId), values: userColumns.map(reader.string), isMissing: isMissing)
      items.add(id: reader.string(itemId), values: itemColumns.map(reader.string), isMissing: isMissing)
      rows.append(impression.map(reader.string))
      if let itemDomainColumn {
        let cell = reader.string(itemDomainColumn)
        let parts = settings.itemDomainSeparator.map { cell.components(separatedBy: $0) } ?? [cell]
        for part in parts where !part.isEmpty && !missing.contains(part) && itemDomainFirstSeen[part] == nil {
          itemDomainFirstSeen[part] = reader.location(ofField: itemDomainColumn)
          itemDomainOrder.append(part)
        }
      }
      if let splitKey { keys.append(reader.string(splitKey)) }
    }
    guard !rows.isEmpty else { throw DataError(file: settings.log, line: 1, column: 1, kind: .noRows) }
    // An item may only name a domain of the log: the first cell naming another is refused.
    if let name = settings.itemDomain,
      let unknown = itemDomainOrder.first(where: { !seenDomains.contains($0) })
    {
      let at = itemDomainFirstSeen[unknown]!
      throw DataError(
        file: settings.log, line: at.line, column: at.column,
        kind: .unknownItemDomain(column: name, value: unknown, domains: domains))
    }
    let assigned: [Dataset.Split]
    do {
      assigned = try LogSplit.assign(
        count: rows.count, rule: settings.split, keys: splitKey == nil ? nil : keys)
    } catch let error as ImportError {
      throw DataError(file: settings.log, line: 0, column: 0, kind: .io(error.description))
    }
    var splits: [Dataset.Split: [[String]]] = [.train: [], .valid: [], .test: []]
    for (row, split) in zip(rows, assigned) { splits[split, default: []].append(row) }
    let (userRows, userConflicts) = users.resolved()
    let (itemRows, itemConflicts) = items.resolved()
    var conflicts: [Conflict] = []
    for (name, count) in zip(settings.userFeatures, userConflicts) where count > 0 {
      conflicts.append(Conflict(table: "users", column: name, ids: count))
    }
    for (name, count) in zip(settings.itemColumns, itemConflicts) where count > 0 {
      conflicts.append(Conflict(table: "items", column: name, ids: count))
    }
    return ImportedLog(
      settings: settings, domains: domains, splits: splits, users: userRows, items: itemRows,
      conflicts: conflicts)
  }

  /// The files an import writes: the dataset's (with the format's default names) and its record.
  public static let files: [String] = [
    "schema.json", "users.csv", "items.csv", "train.csv", "valid.csv", "test.csv", ImportRecord.fileName,
  ]

  /// Writes the dataset's files into the (new, empty) folder `directory`.
  public func write(to directory: String) throws {
    func save(_ name: String, _ text: String) throws {
      try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
    }
    try save("schema.json", try schemaJSON())
    try save(ImportRecord.fileName, try recordJSON())
    try save("users.csv", table(header: [settings.userId] + settings.userFeatures, rows: users))
    try save("items.csv", table(header: [settings.itemId] + settings.itemColumns, rows: items))
    for split in Dataset.Split.allCases {
      try save("\(split.rawValue).csv", table(header: settings.impressionColumns, rows: splits[split] ?? []))
    }
  }

  private func table(header: [String], rows: [[String]]) -> String {
    var text = CSVWriting.record(header)
    for row in rows { text += CSVWriting.record(row) }
    return text
  }

  /// `import.json`: the log's name and rows, sorted keys.
  func recordJSON() throws -> String {
    let rows = splits.values.reduce(0) { $0 + $1.count }
    let record = ImportRecord(log: (settings.log as NSString).lastPathComponent, rows: rows)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
  }

  /// The schema naming the log's columns, pretty-printed with sorted keys (the same log and flags
  /// give the same bytes).
  func schemaJSON() throws -> String {
    var items: [String: Any] = ["id": settings.itemId, "features": settings.itemFeatures]
    if let author = settings.author { items["author_id"] = author }
    if let title = settings.title { items["title"] = title }
    if let domain = settings.itemDomain { items["domain"] = domain }
    if let separator = settings.itemDomainSeparator { items["domain_separator"] = separator }
    var schema: [String: Any] = [
      "version": 1,
      "description": "imported by pepnet import from \((settings.log as NSString).lastPathComponent)",
      "impressions": [
        "user_id": settings.userId, "item_id": settings.itemId, "domain": settings.domain,
        "context": settings.context, "tasks": settings.tasks,
      ] as [String: Any],
      "domains": domains,
      "users": ["id": settings.userId, "features": settings.userFeatures] as [String: Any],
      "items": items,
    ]
    if !settings.missing.isEmpty { schema["missing"] = settings.missing }
    if !settings.numeric.isEmpty { schema["numeric"] = settings.numeric }
    if let buckets = settings.numericBuckets { schema["numeric_buckets"] = buckets }
    if let count = settings.idMinCount { schema["id_min_count"] = count }
    if let count = settings.featureMinCount { schema["feature_min_count"] = count }
    if !settings.multi.isEmpty { schema["multi"] = settings.multi }
    let data = try JSONSerialization.data(
      withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
