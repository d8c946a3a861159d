import Foundation

/// The personalisation planted in a generated world (`truth.json`, issue 16), written with every
/// generated dataset so that a model's gates can be checked against it (`pepnet inspect --data`):
/// per domain, the importance of each observable field (what EPNet's domain gate is for); per
/// user, the domain shift, the engagement per domain and the propensity per task (what PPNet's
/// user gate is for). docs/generator.md defines every number. A dataset without the file (made
/// before issue 16, or a real log) simply has no truth.
public struct GroundTruth: Codable, Equatable, Sendable {
  public static let fileName = "truth.json"
  public static let currentVersion = 1

  /// One user's planted parameters.
  public struct User: Codable, Equatable, Sendable {
    public var id: String
    /// How far the user's tastes and engagement move between domains (`s[u]`).
    public var domainShift: Double
    /// Per domain: the engagement offset `e[u][d]` of the positive tasks.
    public var domainEngagement: [Double]
    /// Per task: the user's own propensity `r[u][t]`.
    public var taskPropensity: [Double]
    /// Per task: `r[u][t]` minus its mean over all users (what PPNet's recovery ranks).
    public var propensityDeviation: [Double]

    public init(
      id: String, domainShift: Double, domainEngagement: [Double], taskPropensity: [Double],
      propensityDeviation: [Double]
    ) {
      self.id = id
      self.domainShift = domainShift
      self.domainEngagement = domainEngagement
      self.taskPropensity = taskPropensity
      self.propensityDeviation = propensityDeviation
    }

    enum CodingKeys: String, CodingKey {
      case id, domainShift = "domain_shift", domainEngagement = "domain_engagement",
        taskPropensity = "task_propensity", propensityDeviation = "propensity_deviation"
    }
  }

  public var formatVersion: Int
  public var domains: [String]
  public var tasks: [String]
  /// Field name to its importance per domain (in `domains` order): the factor on the field's
  /// terms of every true logit, 1 being the weight it had before issue 16.
  public var fieldImportance: [String: [Double]]
  public var users: [User]

  public init(
    domains: [String], tasks: [String], fieldImportance: [String: [Double]], users: [User]
  ) {
    formatVersion = Self.currentVersion
    self.domains = domains
    self.tasks = tasks
    self.fieldImportance = fieldImportance
    self.users = users
  }

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version", domains, tasks, fieldImportance = "field_importance", users
  }

  /// The truth of a generated world; numbers are rounded to 6 decimals (files stay small and
  /// the same on every platform).
  init(world: SyntheticWorld) {
    let d = world.domainCount, t = world.taskCount
    var means = [Double](repeating: 0, count: t)
    for u in 0..<world.config.users {
      for k in 0..<t { means[k] += world.propensity[u * t + k] / Double(world.config.users) }
    }
    let users = (0..<world.config.users).map { u in
      let propensity = Array(world.propensity[(u * t)..<((u + 1) * t)])
      return User(
        id: "u\(u)", domainShift: Self.rounded(world.userShift[u]),
        domainEngagement: world.domainEngagement[(u * d)..<((u + 1) * d)].map(Self.rounded),
        taskPropensity: propensity.map(Self.rounded),
        propensityDeviation: propensity.indices.map { Self.rounded(propensity[$0] - means[$0]) })
    }
    self.init(
      domains: SyntheticVocabulary.domains, tasks: SyntheticVocabulary.tasks,
      fieldImportance: Dictionary(uniqueKeysWithValues: FieldImportance.table.map { ($0.field, $0.factors) }),
      users: users)
  }

  static func rounded(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

  /// Writes compact JSON with sorted keys (byte-identical for the same world).
  public func write(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(self).write(to: url)
  }

  /// The truth of the dataset in `directory`: nil when it has no `truth.json`; a `FileError`
  /// naming the file when the file is unreadable, not valid JSON, or inconsistent.
  public static func load(datasetDirectory directory: URL) throws -> GroundTruth? {
    let url = directory.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    return try load(from: url)
  }

  /// Reads and validates a truth file.
  public static func load(from url: URL) throws -> GroundTruth {
    let truth = try JSONFile.decode(GroundTruth.self, at: url.path)
    if let problem = truth.problem { throw FileError(path: url.path, problem: problem) }
    return truth
  }

  /// The first inconsistency, naming its key, or nil.
  public var problem: String? {
    if formatVersion != Self.currentVersion {
      return "format_version: \(formatVersion) is not supported (expected \(Self.currentVersion))"
    }
    if domains.isEmpty { return "domains: empty" }
    if tasks.isEmpty { return "tasks: empty" }
    if Set(domains).count != domains.count { return "domains: a domain is named twice" }
    if Set(tasks).count != tasks.count { return "tasks: a task is named twice" }
    for field in fieldImportance.keys.sorted() {
      let factors = fieldImportance[field]!
      if factors.count != domains.count {
        return "field_importance.\(field): \(factors.count) values for \(domains.count) domains"
      }
      if let bad = factors.first(where: { !$0.isFinite || $0 < 0 }) {
        return "field_importance.\(field): \(bad) is not a non-negative number"
      }
    }
    var seen = Set<String>()
    for (i, user) in users.enumerated() {
      if !seen.insert(user.id).inserted { return "users[\(i)].id: '\(user.id)' appears twice" }
      if user.domainEngagement.count != domains.count {
        return
          "users[\(i)].domain_engagement: \(user.domainEngagement.count) values for \(domains.count) domains"
      }
      for (key, values) in [
        ("task_propensity", user.taskPropensity), ("propensity_deviation", user.propensityDeviation),
      ] where values.count != tasks.count {
        return "users[\(i)].\(key): \(values.count) values for \(tasks.count) tasks"
      }
    }
    return nil
  }
}
