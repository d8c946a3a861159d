import Foundation

/// The contents of a dataset folder's `schema.json` (format version 1; see docs/data-format.md).
///
/// Names which impression columns hold the user id, item id, domain, context features and labels
/// (one per task), which domain values exist (their order is the domain index), and where the user
/// and item side features live. Author ids are an item attribute, read from the items file.
public struct DatasetSchema: Codable, Equatable, Sendable {
  /// Columns of the impression files (`train.csv`, `valid.csv`, `test.csv`).
  public struct Impressions: Codable, Equatable, Sendable {
    public var userId: String
    public var itemId: String
    public var domain: String
    public var context: [String]
    /// Label columns, one per task, in task order. Cells are 0, 1, or empty (missing).
    public var tasks: [String]
    /// Optional oracle columns: task name -> column holding the true probability of that label.
    /// Used where present in a file's header (typically the valid and test splits).
    public var oracle: [String: String]?

    public init(
      userId: String, itemId: String, domain: String, context: [String], tasks: [String],
      oracle: [String: String]? = nil
    ) {
      self.userId = userId
      self.itemId = itemId
      self.domain = domain
      self.context = context
      self.tasks = tasks
      self.oracle = oracle
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case userId = "user_id", itemId = "item_id", domain, context, tasks, oracle
    }

    /// `context` defaults to none; any other key is refused.
    public init(from decoder: Decoder) throws {
      try UnknownSchemaKey.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      userId = try c.decode(String.self, forKey: .userId)
      itemId = try c.decode(String.self, forKey: .itemId)
      domain = try c.decode(String.self, forKey: .domain)
      context = try c.decodeIfPresent([String].self, forKey: .context) ?? []
      tasks = try c.decode([String].self, forKey: .tasks)
      oracle = try c.decodeIfPresent([String: String].self, forKey: .oracle)
    }
  }

  /// The users side file: one row per user.
  public struct Users: Codable, Equatable, Sendable {
    public var file: String
    public var id: String
    public var features: [String]
    public init(file: String = "users.csv", id: String, features: [String]) {
      self.file = file
      self.id = id
      self.features = features
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, id, features }

    /// `file` defaults to `users.csv`; any other key is refused.
    public init(from decoder: Decoder) throws {
      try UnknownSchemaKey.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      file = try c.decodeIfPresent(String.self, forKey: .file) ?? "users.csv"
      id = try c.decode(String.self, forKey: .id)
      features = try c.decode([String].self, forKey: .features)
    }
  }

  /// The items side file: one row per item, with its author and a display title.
  public struct Items: Codable, Equatable, Sendable {
    public var file: String
    public var id: String
    /// The author column; nil when the log has none (PPNet's prior is then the user and item ids).
    public var authorId: String?
    public var title: String?
    public var features: [String]
    /// The column naming the domain(s) each item belongs to: when set, an item is a default
    /// candidate in the domains it names (`FeaturePipeline.candidates`) instead of in those where
    /// training saw it. Nil: the candidates are the items seen in each domain in training.
    public var domain: String?
    /// Splits a `domain` cell into several domains (e.g. `|` for `1|3`); nil: one domain per cell.
    public var domainSeparator: String?
    public init(file: String = "items.csv", id: String, authorId: String?, title: String?, features: [String])
    {
      self.file = file
      self.id = id
      self.authorId = authorId
      self.title = title
      self.features = features
    }
    enum CodingKeys: String, CodingKey, CaseIterable {
      case file, id, authorId = "author_id", title, features, domain, domainSeparator = "domain_separator"
    }

    /// `file` defaults to `items.csv`; any other key is refused.
    public init(from decoder: Decoder) throws {
      try UnknownSchemaKey.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      file = try c.decodeIfPresent(String.self, forKey: .file) ?? "items.csv"
      id = try c.decode(String.self, forKey: .id)
      authorId = try c.decodeIfPresent(String.self, forKey: .authorId)
      title = try c.decodeIfPresent(String.self, forKey: .title)
      features = try c.decode([String].self, forKey: .features)
      domain = try c.decodeIfPresent(String.self, forKey: .domain)
      domainSeparator = try c.decodeIfPresent(String.self, forKey: .domainSeparator)
    }
  }

  /// File names of the three splits.
  public struct Splits: Codable, Equatable, Sendable {
    public var train: String
    public var valid: String
    public var test: String
    public init(train: String = "train.csv", valid: String = "valid.csv", test: String = "test.csv") {
      self.train = train
      self.valid = valid
      self.test = test
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case train, valid, test }

    /// Each file defaults to `train.csv`, `valid.csv`, `test.csv`; any other key is refused.
    public init(from decoder: Decoder) throws {
      try UnknownSchemaKey.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let defaults = Splits()
      train = try c.decodeIfPresent(String.self, forKey: .train) ?? defaults.train
      valid = try c.decodeIfPresent(String.self, forKey: .valid) ?? defaults.valid
      test = try c.decodeIfPresent(String.self, forKey: .test) ?? defaults.test
    }
  }

  public static let currentVersion = 1

  public var version: Int
  /// Free text: where the data comes from.
  public var description: String?
  public var impressions: Impressions
  /// Domain values in index order.
  public var domains: [String]
  /// True from decoding a schema without `domains` until `Dataset` has read them from the train
  /// split (in order of first appearance); not written.
  public internal(set) var infersDomains = false
  public var users: Users
  public var items: Items
  public var splits: Splits
  /// Tasks whose positive label is negative feedback (e.g. `hate`): their blend weight defaults to
  /// -1 instead of 1. Optional in the file; absent means none.
  public var negativeTasks: [String]?
  /// Cell values that mean "no value" in side and context features and the author column (e.g.
  /// `""`, `"NA"`, `"-124"`): they get no index of their own and encode as the out-of-vocabulary
  /// slot. Optional; absent means none, so an empty cell is then a category of its own.
  public var missing: [String]?

  /// Minimum train impressions for a user, item or author id to get its own index (default 2).
  public var idMinCount: Int?
  /// Minimum train impressions for a side or context feature value (default 1).
  public var featureMinCount: Int?
  /// Tasks whose per-domain rates become the domain-side statistics (default: the first task).
  public var statisticsTasks: [String]?

  /// Side and context features that are numbers (counts, durations, ages): cut at train
  /// quantiles into `numeric_buckets` buckets instead of one category per distinct value.
  public var numeric: [String]?
  /// Buckets per numeric feature (default 10; fewer when the train values have fewer distinct).
  public var numericBuckets: Int?

  /// The accepted `numeric_buckets`.
  public static let numericBucketRange = 2...1000
  /// `numeric_buckets` when the schema leaves it out.
  public static let defaultNumericBuckets = 10

  /// Multi-valued side and context features, each with the separator of its values
  /// (`{"genres": "|"}`): one embedding row per value, mean-pooled (see `MultiValueFormat`).
  public var multi: [String: String]?
  /// Most values in one cell of a multi-valued feature (default 16); a cell with more is refused.
  public var multiMaxValues: Int?

  /// The accepted `multi_max_values`.
  public static let multiMaxValuesRange = 1...1024
  /// `multi_max_values` when the schema leaves it out.
  public static let defaultMultiMaxValues = 16

  /// Whether the feature `name` is numeric.
  func isNumeric(_ name: String) -> Bool { numeric?.contains(name) ?? false }

  /// `missing` as a set.
  var missingValues: Set<String> { Set(missing ?? []) }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, description, impressions, domains, users, items, splits, negativeTasks = "negative_tasks"
    case missing, idMinCount = "id_min_count", featureMinCount = "feature_min_count"
    case statisticsTasks = "statistics_tasks", numeric, numericBuckets = "numeric_buckets"
    case multi, multiMaxValues = "multi_max_values"
  }

  /// Reads a schema: `splits` may be left out (default file names), `domains` too (then read
  /// from the train split) and domain values may be JSON integers; any key pepnet does not read
  /// is refused (`UnknownSchemaKey`).
  public init(from decoder: Decoder) throws {
    try UnknownSchemaKey.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    description = try c.decodeIfPresent(String.self, forKey: .description)
    impressions = try c.decode(Impressions.self, forKey: .impressions)
    if c.contains(.domains) {
      domains = try c.decode([DomainValue].self, forKey: .domains).map(\.name)
    } else {
      domains = []
      infersDomains = true
    }
    users = try c.decode(Users.self, forKey: .users)
    items = try c.decode(Items.self, forKey: .items)
    splits = try c.decodeIfPresent(Splits.self, forKey: .splits) ?? Splits()
    negativeTasks = try c.decodeIfPresent([String].self, forKey: .negativeTasks)
    missing = try c.decodeIfPresent([String].self, forKey: .missing)
    idMinCount = try c.decodeIfPresent(Int.self, forKey: .idMinCount)
    featureMinCount = try c.decodeIfPresent(Int.self, forKey: .featureMinCount)
    statisticsTasks = try c.decodeIfPresent([String].self, forKey: .statisticsTasks)
    numeric = try c.decodeIfPresent([String].self, forKey: .numeric)
    numericBuckets = try c.decodeIfPresent(Int.self, forKey: .numericBuckets)
    multi = try c.decodeIfPresent([String: String].self, forKey: .multi)
    multiMaxValues = try c.decodeIfPresent(Int.self, forKey: .multiMaxValues)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(version, forKey: .version)
    try c.encodeIfPresent(description, forKey: .description)
    try c.encode(impressions, forKey: .impressions)
    try c.encode(domains, forKey: .domains)
    try c.encode(users, forKey: .users)
    try c.encode(items, forKey: .items)
    try c.encode(splits, forKey: .splits)
    try c.encodeIfPresent(negativeTasks, forKey: .negativeTasks)
    try c.encodeIfPresent(missing, forKey: .missing)
    try c.encodeIfPresent(idMinCount, forKey: .idMinCount)
    try c.encodeIfPresent(featureMinCount, forKey: .featureMinCount)
    try c.encodeIfPresent(statisticsTasks, forKey: .statisticsTasks)
    try c.encodeIfPresent(numeric, forKey: .numeric)
    try c.encodeIfPresent(numericBuckets, forKey: .numericBuckets)
    try c.encodeIfPresent(multi, forKey: .multi)
    try c.encodeIfPresent(multiMaxValues, forKey: .multiMaxValues)
  }

  /// A domain value in `schema.json`: a string, or an integer (written as its decimal digits,
  /// as it appears in the CSV files).
  struct DomainValue: Decodable {
    var name: String
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let text = try? c.decode(String.self) {
        name = text
      } else if let number = try? c.decode(Int.self) {
        name = String(number)
      } else {
        throw DecodingError.typeMismatch(
          String.self,
          .init(codingPath: decoder.codingPath, debugDescription: "a domain value is a string or an integer"))
      }
    }
  }

  public init(
    description: String? = nil, impressions: Impressions, domains: [String], users: Users, items: Items,
    splits: Splits = Splits(), negativeTasks: [String]? = nil
  ) {
    version = DatasetSchema.currentVersion
    self.description = description
    self.impressions = impressions
    self.domains = domains
    self.users = users
    self.items = items
    self.splits = splits
    self.negativeTasks = negativeTasks
  }

  /// Task names (the label columns).
  public var tasks: [String] { impressions.tasks }

  /// Reads and validates `schema.json`.
  public static func load(from url: URL) throws -> DatasetSchema {
    let schema = try JSONFile.decode(DatasetSchema.self, at: url.path)
    try schema.validate(file: url.path)
    return schema
  }

  /// Writes the schema as pretty-printed JSON.
  public func write(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(self).write(to: url)
  }
}

extension DatasetSchema {
  /// One line for a JSON decoding error of `schema.json`: what and where.
  static func describe(_ error: DecodingError) -> String {
    func path(_ c: [CodingKey]) -> String {
      c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let ctx): return "missing key '\(path(ctx.codingPath + [key]))'"
    case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
      return "wrong type at '\(path(ctx.codingPath))': \(ctx.debugDescription)"
    case .dataCorrupted(let ctx):
      let at = ctx.codingPath.isEmpty ? "" : " at '\(path(ctx.codingPath))'"
      let reason = ctx.underlyingError.map { "\($0.localizedDescription)" } ?? ctx.debugDescription
      return "invalid JSON\(at): \(reason)"
    @unknown default: return "\(error)"
    }
  }
}

/// A dataset folder: its location and schema.
public struct Dataset: Sendable {
  public let directory: URL
  public private(set) var schema: DatasetSchema

  /// Loads `directory/schema.json` and checks that the three splits are different files.
  /// When the schema lists no domains, reads them from the train split.
  public init(directory: URL) throws {
    self.directory = directory
    var schema = try DatasetSchema.load(from: directory.appendingPathComponent("schema.json"))
    self.schema = schema
    if let problem = SplitFiles.problem(Split.allCases.map { (name(of: $0), path(of: $0)) }) { throw problem }
    if schema.infersDomains {
      schema.domains = try DomainInference.domains(
        trainPath: path(of: .train), column: schema.impressions.domain)
      schema.infersDomains = false
      self.schema = schema
    }
  }

  public init(directory: URL, schema: DatasetSchema) {
    self.directory = directory
    self.schema = schema
  }

  /// The three splits.
  public enum Split: String, CaseIterable, Sendable { case train, valid, test }

  /// File name of a split, as in `schema.json`.
  public func name(of split: Split) -> String {
    switch split {
    case .train: return schema.splits.train
    case .valid: return schema.splits.valid
    case .test: return schema.splits.test
    }
  }

  /// Path of a split's file.
  public func path(of split: Split) -> String { directory.appendingPathComponent(name(of: split)).path }

  public var usersPath: String { directory.appendingPathComponent(schema.users.file).path }
  public var itemsPath: String { directory.appendingPathComponent(schema.items.file).path }
}
