/// The users of a dataset with their profile features (from `users.csv`), kept in the pipeline
/// so that serving and the explorer can encode and display any user.
public struct UserCatalog: Codable, Equatable, Sendable {
  public let ids: [String]
  public let featureNames: [String]
  /// Column-major: `features[f][user]` is the raw value of feature `f`.
  public let features: [[String]]
  private var lookup: [String: Int]

  public init(ids: [String], featureNames: [String], features: [[String]]) {
    self.ids = ids
    self.featureNames = featureNames
    self.features = features
    lookup = makeLookup(ids)
  }

  public var count: Int { ids.count }
  /// Row of a raw user id.
  public func index(of id: String) -> Int? { lookup[id] }
  /// A user's (feature name, value) pairs, for display.
  public func profile(_ user: Int) -> [(name: String, value: String)] {
    featureNames.indices.map { (featureNames[$0], features[$0][user]) }
  }

  /// Reads the users file; a multi-valued cell of `schema` with too many values is refused.
  static func load(path: String, spec: DatasetSchema.Users, schema: DatasetSchema? = nil) throws
    -> UserCatalog
  {
    let table = try SideTable.read(path: path, id: spec.id, columns: spec.features, schema: schema)
    return UserCatalog(ids: table.ids, featureNames: spec.features, features: table.columns)
  }

  enum CodingKeys: String, CodingKey { case ids, featureNames = "feature_names", features }
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      ids: try c.decode([String].self, forKey: .ids),
      featureNames: try c.decode([String].self, forKey: .featureNames),
      features: try c.decode([[String]].self, forKey: .features))
    try checkColumns(ids: ids, names: featureNames, features, others: [], in: c)
  }
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(ids, forKey: .ids)
    try c.encode(featureNames, forKey: .featureNames)
    try c.encode(features, forKey: .features)
  }
}

/// The items of a dataset with author, display title and features (from `items.csv`).
public struct ItemCatalog: Codable, Equatable, Sendable {
  public let ids: [String]
  public let authors: [String]
  /// Display titles (the item id when the schema names no title column).
  public let titles: [String]
  public let featureNames: [String]
  /// Column-major: `features[f][item]`.
  public let features: [[String]]
  private var lookup: [String: Int]

  public init(
    ids: [String], authors: [String], titles: [String], featureNames: [String], features: [[String]]
  ) {
    self.ids = ids
    self.authors = authors
    self.titles = titles
    self.featureNames = featureNames
    self.features = features
    lookup = makeLookup(ids)
  }

  public var count: Int { ids.count }
  /// Row of a raw item id.
  public func index(of id: String) -> Int? { lookup[id] }
  /// An item's (feature name, value) pairs, for display.
  public func attributes(_ item: Int) -> [(name: String, value: String)] {
    featureNames.indices.map { (featureNames[$0], features[$0][item]) }
  }
  /// The raw value of a named feature of an item, if the feature exists.
  public func feature(_ name: String, of item: Int) -> String? {
    featureNames.firstIndex(of: name).map { features[$0][item] }
  }

  /// Reads the items file; a multi-valued cell of `schema` with too many values is refused.
  static func load(path: String, spec: DatasetSchema.Items, schema: DatasetSchema? = nil) throws
    -> ItemCatalog
  {
    // Without an author column every author is "" (and the pipeline makes no author field).
    let authorColumns = spec.authorId.map { [$0] } ?? []
    var columns = authorColumns + spec.features
    if let title = spec.title { columns.append(title) }
    let table = try SideTable.read(path: path, id: spec.id, columns: columns, schema: schema)
    let titles = spec.title != nil ? table.columns.last! : table.ids
    let first = authorColumns.count
    return ItemCatalog(
      ids: table.ids, authors: first == 1 ? table.columns[0] : table.ids.map { _ in "" }, titles: titles,
      featureNames: spec.features, features: Array(table.columns[first..<(first + spec.features.count)]))
  }

  enum CodingKeys: String, CodingKey { case ids, authors, titles, featureNames = "feature_names", features }
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      ids: try c.decode([String].self, forKey: .ids), authors: try c.decode([String].self, forKey: .authors),
      titles: try c.decode([String].self, forKey: .titles),
      featureNames: try c.decode([String].self, forKey: .featureNames),
      features: try c.decode([[String]].self, forKey: .features))
    try checkColumns(
      ids: ids, names: featureNames, features, others: [("authors", authors), ("titles", titles)], in: c)
  }
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(ids, forKey: .ids)
    try c.encode(authors, forKey: .authors)
    try c.encode(titles, forKey: .titles)
    try c.encode(featureNames, forKey: .featureNames)
    try c.encode(features, forKey: .features)
  }
}

/// A decoded catalog must have one value per id in every column and one column per feature name;
/// otherwise looking a row up would crash.
private func checkColumns<K: CodingKey>(
  ids: [String], names: [String], _ features: [[String]], others: [(String, [String])],
  in container: KeyedDecodingContainer<K>
) throws {
  func fail(_ text: String) -> DecodingError {
    .dataCorrupted(.init(codingPath: container.codingPath, debugDescription: text))
  }
  guard features.count == names.count else {
    throw fail("\(features.count) feature columns for \(names.count) feature names")
  }
  let columns = zip(names, features).map { ("features '\($0)'", $1) } + others
  for (name, values) in columns where values.count != ids.count {
    throw fail("\(name) has \(values.count) values for \(ids.count) ids")
  }
}

private func makeLookup(_ ids: [String]) -> [String: Int] {
  var d: [String: Int] = [:]
  d.reserveCapacity(ids.count)
  for (i, id) in ids.enumerated() { d[id] = i }
  return d
}

/// A side file read into strings: an id column and named columns.
struct SideTable {
  var ids: [String] = []
  var columns: [[String]]

  static func read(path: String, id: String, columns names: [String], schema: DatasetSchema? = nil) throws
    -> SideTable
  {
    let reader = try CSVReader(path: path)
    let idColumn = try reader.columnIndex(id)
    let indices = try names.map { try reader.columnIndex($0) }
    let formats = names.map { schema?.multiValueFormat(of: $0) }
    let missing = schema?.missingValues ?? []
    var table = SideTable(columns: Array(repeating: [], count: names.count))
    var seen = Set<String>()
    while try reader.next() {
      let value = try reader.text(idColumn)
      guard seen.insert(value).inserted else {
        throw reader.error(.duplicateId(column: id, value: value), field: idColumn)
      }
      table.ids.append(value)
      for (k, i) in indices.enumerated() {
        let cell = try reader.text(i)
        try formats[k]?.check(cell, missing: missing, reader: reader, field: i, column: names[k])
        table.columns[k].append(cell)
      }
    }
    // A catalog without users or items leaves nothing to rank or explore.
    if table.ids.isEmpty { throw DataError(file: path, line: 1, column: 1, kind: .noRows) }
    return table
  }
}
