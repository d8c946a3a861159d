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
  /// Side or context features (of `userFeatures`, `itemFeatures`, `context`) that are numbers:
  /// the schema's `numeric` list, cut into `numericBuckets` buckets (nil: the schema's default).
  public var numeric: [String] = []
  public var numericBuckets: Int? = nil
  /// The schema's `id_min_count` and `feature_min_count` (nil: left out, the defaults 2 and 1).
  public var idMinCount: Int? = nil
  public var featureMinCount: Int? = nil
  /// The log's column naming each item's domain(s), becoming `items.domain` (the candidate sets),
  /// and the separator of several domains in one cell (`items.domain_separator`).
  public var itemDomain: String? = nil
  public var itemDomainSeparator: String? = nil
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

  /// The item table's columns after the id: the author, the title, the item features, then the
  /// item's domain column.
  var itemColumns: [String] {
    [author, title].compactMap { $0 } + itemFeatures + [itemDomain].compactMap { $0 }
  }

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
    if let itemDomain { roles.append(("--item-domain", itemDomain)) }
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
    var numericSeen = Set<String>()
    for name in numeric {
      if !features.contains(where: { $0.1 == name }) {
        return
          "--numeric names '\(name)', which is not a column of --user-features, --item-features or --context"
      }
      if !numericSeen.insert(name).inserted { return "--numeric names '\(name)' twice" }
    }
    return nil
  }
}
