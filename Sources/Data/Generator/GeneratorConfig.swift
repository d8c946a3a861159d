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

  public init(
    seed: UInt64 = 1, users: Int = 2400, items: Int = 3600, authors: Int = 600, impressions: Int = 300_000,
    validFraction: Double = 0.1, testFraction: Double = 0.1
  ) {
    self.seed = seed
    self.users = users
    self.items = items
    self.authors = authors
    self.impressions = impressions
    self.validFraction = validFraction
    self.testFraction = testFraction
  }

  enum CodingKeys: String, CodingKey {
    case seed, users, items, authors, impressions, validFraction = "valid_fraction", testFraction =
      "test_fraction"
  }
}
