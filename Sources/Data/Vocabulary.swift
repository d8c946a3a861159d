/// A categorical field's vocabulary: raw value -> index, built from the train split.
///
/// Index 0 is the out-of-vocabulary slot: values unseen in training, or seen fewer than
/// `minCount` times, map to it at evaluation and serving time. Known values get 1...n, ordered by
/// descending training count then by value, so the same data always gives the same indices.
public struct Vocabulary: Codable, Equatable, Sendable {
  public let name: String
  public let minCount: Int
  /// Values of indices 1...n (`tokens[0]` is index 1).
  public let tokens: [String]
  private var lookup: [String: Int32]

  /// Builds from value counts (order of `counts` does not matter).
  public init(name: String, counts: [String: Int], minCount: Int = 1) {
    self.name = name
    self.minCount = minCount
    tokens = counts.filter { $0.value >= minCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map(\.key)
    lookup = Vocabulary.makeLookup(tokens)
  }

  /// A vocabulary of fixed values in the given order (e.g. domains), indices 1...n.
  public init(name: String, fixed values: [String]) {
    self.name = name
    minCount = 0
    tokens = values
    lookup = Vocabulary.makeLookup(tokens)
  }

  private static func makeLookup(_ tokens: [String]) -> [String: Int32] {
    var d: [String: Int32] = [:]
    d.reserveCapacity(tokens.count)
    for (i, t) in tokens.enumerated() { d[t] = Int32(i + 1) }
    return d
  }

  /// Embedding table rows needed: the known values plus the OOV slot.
  public var size: Int { tokens.count + 1 }

  /// The index of `value`, 0 if out of vocabulary.
  public func index(of value: String) -> Int32 { lookup[value] ?? 0 }

  /// Whether `value` has its own index.
  public func contains(_ value: String) -> Bool { lookup[value] != nil }

  /// The value of an index, or nil for the OOV slot.
  public func token(at index: Int32) -> String? {
    index >= 1 && Int(index) <= tokens.count ? tokens[Int(index) - 1] : nil
  }

  enum CodingKeys: String, CodingKey { case name, minCount = "min_count", tokens }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    minCount = try c.decode(Int.self, forKey: .minCount)
    tokens = try c.decode([String].self, forKey: .tokens)
    lookup = Vocabulary.makeLookup(tokens)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(minCount, forKey: .minCount)
    try c.encode(tokens, forKey: .tokens)
  }
}
