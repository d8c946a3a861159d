/// Sizes and seed of a synthetic dataset (see docs/generator.md).
public struct GeneratorConfig: Codable, Equatable, Sendable {
  public var seed: UInt64
  public var users: Int
  public var items: Int
  public var authors: Int
  public var impressions: Int
  /// Fractions of impressions in the valid and test splits (the rest is train).
  public var validFraction: Double
  public var testFraction: Double
  /// Scale of the part of each user's taste that belongs to one domain only (`DomainTaste`);
  /// 0, the default, leaves it out.
  public var domainTaste: Double
  /// Scale of each user's own sensitivities to item features (`UserSensitivity`); 0, the
  /// default, leaves them out.
  public var userSensitivity: Double
  /// Scale of items' task-specific drivers (`ItemTaskAppeal`); 0, the default, leaves them out.
  public var itemTaskAppeal: Double
  /// Scale of the domain dependence of factor weights (`DomainImportance`); 0, the default, leaves
  /// it out.
  public var domainImportance: Double

  public init(
    seed: UInt64 = 1, users: Int = 2400, items: Int = 3600, authors: Int = 600, impressions: Int = 300_000,
    validFraction: Double = 0.1, testFraction: Double = 0.1, domainTaste: Double = 0,
    userSensitivity: Double = 0,
    itemTaskAppeal: Double = 0,
    domainImportance: Double = 0
  ) {
    self.seed = seed
    self.users = users
    self.items = items
    self.authors = authors
    self.impressions = impressions
    self.validFraction = validFraction
    self.testFraction = testFraction
    self.domainTaste = domainTaste
    self.userSensitivity = userSensitivity
    self.itemTaskAppeal = itemTaskAppeal
    self.domainImportance = domainImportance
  }

  enum CodingKeys: String, CodingKey {
    case seed, users, items, authors, impressions, validFraction = "valid_fraction", testFraction =
      "test_fraction", domainTaste = "domain_taste", userSensitivity = "user_sensitivity",
      itemTaskAppeal = "item_task_appeal",
      domainImportance = "domain_importance"
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      seed: try c.decode(UInt64.self, forKey: .seed), users: try c.decode(Int.self, forKey: .users),
      items: try c.decode(Int.self, forKey: .items), authors: try c.decode(Int.self, forKey: .authors),
      impressions: try c.decode(Int.self, forKey: .impressions),
      validFraction: try c.decode(Double.self, forKey: .validFraction),
      testFraction: try c.decode(Double.self, forKey: .testFraction),
      domainTaste: try c.decodeIfPresent(Double.self, forKey: .domainTaste) ?? 0,
      userSensitivity: try c.decodeIfPresent(Double.self, forKey: .userSensitivity) ?? 0,
      itemTaskAppeal: try c.decodeIfPresent(Double.self, forKey: .itemTaskAppeal) ?? 0,
      domainImportance: try c.decodeIfPresent(Double.self, forKey: .domainImportance) ?? 0)
  }

  /// The optional components are written only when they are on, so a default configuration
  /// writes the same `generator.json` as before they existed.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(seed, forKey: .seed)
    try c.encode(users, forKey: .users)
    try c.encode(items, forKey: .items)
    try c.encode(authors, forKey: .authors)
    try c.encode(impressions, forKey: .impressions)
    try c.encode(validFraction, forKey: .validFraction)
    try c.encode(testFraction, forKey: .testFraction)
    if domainTaste != 0 { try c.encode(domainTaste, forKey: .domainTaste) }
    if userSensitivity != 0 { try c.encode(userSensitivity, forKey: .userSensitivity) }
    if itemTaskAppeal != 0 { try c.encode(itemTaskAppeal, forKey: .itemTaskAppeal) }
    if domainImportance != 0 { try c.encode(domainImportance, forKey: .domainImportance) }
  }
}
