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

    enum CodingKeys: String, CodingKey {
      case userId = "user_id", itemId = "item_id", domain, context, tasks, oracle
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
  }

  /// The items side file: one row per item, with its author and a display title.
  public struct Items: Codable, Equatable, Sendable {
    public var file: String
    public var id: String
    public var authorId: String
    public var title: String?
    public var features: [String]
    public init(file: String = "items.csv", id: String, authorId: String, title: String?, features: [String])
    {
      self.file = file
      self.id = id
      self.authorId = authorId
      self.title = title
      self.features = features
    }
    enum CodingKeys: String, CodingKey { case file, id, authorId = "author_id", title, features }
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
  }

  public static let currentVersion = 1

  public var version: Int
  /// Free text: where the data comes from.
  public var description: String?
  public var impressions: Impressions
  /// Domain values in index order.
  public var domains: [String]
  public var users: Users
  public var items: Items
  public var splits: Splits
  /// Tasks whose positive label is negative feedback (e.g. `hate`): their blend weight defaults to
  /// -1 instead of 1. Optional in the file; absent means none.
  public var negativeTasks: [String]?

  enum CodingKeys: String, CodingKey {
    case version, description, impressions, domains, users, items, splits, negativeTasks = "negative_tasks"
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

  /// Checks internal consistency; throws `SchemaError` naming the problem.
  public func validate(file: String = "schema.json") throws {
    func fail(_ message: String) -> SchemaError { SchemaError(file: file, message: message) }
    guard version == DatasetSchema.currentVersion else {
      throw fail(
        "unsupported schema version \(version) (this build reads version \(DatasetSchema.currentVersion))")
    }
    if impressions.tasks.isEmpty {
      throw fail("impressions.tasks is empty: at least one label column is needed")
    }
    if domains.isEmpty { throw fail("domains is empty") }
    if Set(domains).count != domains.count { throw fail("domains has duplicates") }
    if Set(impressions.tasks).count != impressions.tasks.count {
      throw fail("impressions.tasks has duplicates")
    }
    let names = ["user_id", "item_id", "author_id"] + users.features + items.features + impressions.context
    var seen = Set<String>()
    for n in names where !seen.insert(n).inserted {
      throw fail("feature name '\(n)' is used twice (user, item and context feature names must be distinct)")
    }
    for task in negativeTasks ?? [] where !impressions.tasks.contains(task) {
      throw fail("negative_tasks names unknown task '\(task)'")
    }
    if let oracle = impressions.oracle {
      for task in oracle.keys where !impressions.tasks.contains(task) {
        throw fail("impressions.oracle names unknown task '\(task)'")
      }
    }
  }

  /// Reads and validates `schema.json`.
  public static func load(from url: URL) throws -> DatasetSchema {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      let reason = FileAccess.readProblem(url.path) ?? error.localizedDescription
      throw SchemaError(file: url.path, message: "cannot read: \(reason)")
    }
    if data.isEmpty { throw SchemaError(file: url.path, message: "empty file (expected a JSON object)") }
    let schema: DatasetSchema
    do { schema = try JSONDecoder().decode(DatasetSchema.self, from: data) } catch let error as DecodingError
    {
      throw SchemaError(file: url.path, message: SchemaError.describe(error))
    }
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

/// A problem with `schema.json`: one line, `file: message`.
public struct SchemaError: Error, CustomStringConvertible, Equatable, Sendable {
  public var file: String
  public var message: String
  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }
  public var description: String { "\(file): \(message)" }

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
  public let schema: DatasetSchema

  /// Loads `directory/schema.json`.
  public init(directory: URL) throws {
    self.directory = directory
    schema = try DatasetSchema.load(from: directory.appendingPathComponent("schema.json"))
  }

  public init(directory: URL, schema: DatasetSchema) {
    self.directory = directory
    self.schema = schema
  }

  /// The three splits.
  public enum Split: String, CaseIterable, Sendable { case train, valid, test }

  /// Path of a split's file.
  public func path(of split: Split) -> String {
    let name: String
    switch split {
    case .train: name = schema.splits.train
    case .valid: name = schema.splits.valid
    case .test: name = schema.splits.test
    }
    return directory.appendingPathComponent(name).path
  }

  public var usersPath: String { directory.appendingPathComponent(schema.users.file).path }
  public var itemsPath: String { directory.appendingPathComponent(schema.items.file).path }
}
