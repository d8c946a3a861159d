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

  /// Reads and validates `schema.json`.
  public static func load(from url: URL) throws -> DatasetSchema {
    let data: Data
    do throws(JSONFile.Problem) { data = try JSONFile.read(atPath: url.path) } catch {
      switch error {
      case .unreadable(let reason): throw FileError(path: url.path, problem: "cannot read: \(reason)")
      case .invalid(let message): throw FileError(path: url.path, problem: message)
      }
    }
    if data.isEmpty { throw FileError(path: url.path, problem: "empty file (expected a JSON object)") }
    let schema: DatasetSchema
    do { schema = try JSONDecoder().decode(DatasetSchema.self, from: data) } catch let error as DecodingError
    {
      throw FileError(path: url.path, problem: DatasetSchema.describe(error))
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
  public let schema: DatasetSchema

  /// Loads `directory/schema.json` and checks that the three splits are different files.
  public init(directory: URL) throws {
    self.directory = directory
    schema = try DatasetSchema.load(from: directory.appendingPathComponent("schema.json"))
    if let problem = SplitFiles.problem(Split.allCases.map { (name(of: $0), path(of: $0)) }) { throw problem }
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
