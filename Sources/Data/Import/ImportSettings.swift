/// What `pepnet import` is told about a flat impression log: which column plays which role,
/// which cell values mean "no value", and how the rows are split.
public struct ImportSettings: Sendable {
  /// How the log's rows are split into train, valid and test.
  public enum SplitRule: Sendable, Equatable {
    /// Shuffled with `seed`: the first `train` share of the rows is train, the next `valid` valid,
    /// the rest test (each split keeps the log's row order).
    case random(train: Double, valid: Double, seed: UInt64)
    /// Sorted ascending by this (time or order) column, ties in log order, then cut into the
    /// shares `train`, `valid` and the rest.
    case byColumn(String, train: Double, valid: Double)
  }

  public var log: String
  public var userId: String
  public var itemId: String
  public var domain: String
  public var tasks: [String]
  public var userFeatures: [String]
  public var itemFeatures: [String]
  public var context: [String]
  public var missing: [String]
  public var author: String?
  public var title: String?
  public var split: SplitRule
  /// Multi-valued feature columns and their separators: the schema's `multi` (none by default).
  public var multi: [String: String] = [:]

  public init(
    log: String, userId: String, itemId: String, domain: String, tasks: [String], userFeatures: [String] = [],
    itemFeatures: [String] = [], context: [String] = [], missing: [String] = [], author: String? = nil,
    title: String? = nil, split: SplitRule = .random(train: 0.8, valid: 0.1, seed: 1)
  ) {
    self.log = log
    self.userId = userId
    self.itemId = itemId
    self.domain = domain
    self.tasks = tasks
    self.userFeatures = userFeatures
    self.itemFeatures = itemFeatures
    self.context = context
    self.missing = missing
    self.author = author
    self.title = title
    self.split = split
  }

  /// The item table's columns after the id: the author, the title, then the item features.
  var itemColumns: [String] { [author, title].compactMap { $0 } + itemFeatures }

  /// The columns of the impression files: ids, domain, context, labels.
  var impressionColumns: [String] { [userId, itemId, domain] + context + tasks }

  /// Every column with its role, as the flags name them, for the one-role-per-column check.
  public var roles: [(flag: String, column: String)] {
    var roles: [(String, String)] = [("--user-id", userId), ("--item-id", itemId), ("--domain", domain)]
    roles += tasks.map { ("--tasks", $0) }
    roles += userFeatures.map { ("--user-features", $0) }
    roles += itemFeatures.map { ("--item-features", $0) }
    roles += context.map { ("--context", $0) }
    if let author { roles.append(("--author", author)) }
    if let title { roles.append(("--title", title)) }
    if case .byColumn(let column, _, _) = split { roles.append(("--split-by", column)) }
    return roles
  }

  /// Why these columns cannot make a dataset, or nil: a column named in two roles (a label used
  /// as a feature would leak the answer), or a feature named like a field pepnet derives itself.
  public var columnProblem: String? {
    var first: [String: String] = [:]
    for (flag, column) in roles {
      if column.isEmpty { return "\(flag) names an empty column" }
      if let earlier = first[column] {
        return "column '\(column)' is given to both \(earlier) and \(flag); a column has one role"
      }
      first[column] = flag
    }
    let features =
      userFeatures.map { ("--user-features", $0) } + itemFeatures.map { ("--item-features", $0) }
      + context.map { ("--context", $0) }
    for (flag, name) in features
    where DatasetSchema.derivedFieldNames.contains(name)
      || DatasetSchema.derivedFieldPrefixes.contains(where: name.hasPrefix)
    {
      return "\(flag) names '\(name)', the name of a field pepnet derives (user_id, item_id, author_id,"
        + " domain, user_domain_*, item_domain_*); rename that column in the log"
    }
    return nil
  }
}
