/// A categorical field's vocabulary: raw value -> index, built from the train split.
///
/// Index 0 is the out-of-vocabulary slot: values unseen in training, or seen fewer than
/// `minCount` times, map to it at evaluation and serving time. Known values get 1...n, ordered by
/// descending training count then by value, so the same data always gives the same indices.
///
/// A numeric vocabulary (a feature the schema lists in `numeric`) has `cuts` instead: a number
/// maps to its `QuantileCuts` bucket 1...cuts.count + 1, and its tokens are the buckets' ranges
/// (`<1.5`, `1.5..<3`, `>=3`), which also map to their bucket. Anything else, and the schema's
/// `missing` values, is the OOV slot.
public struct Vocabulary: Codable, Equatable, Sendable {
  public let name: String
  public let minCount: Int
  /// Values of indices 1...n (`tokens[0]` is index 1).
  public let tokens: [String]
  /// Cut points of a numeric feature (strictly increasing, finite); nil for a categorical one.
  public let cuts: [Float]?
  /// Values that are OOV although they parse as numbers (the schema's `missing`); numeric and
  /// multi-valued only, set from the schema by the pipeline, not encoded.
  public internal(set) var missing: Set<String> = []
  /// The cell format of a multi-valued feature (the schema's `multi`), nil for a single-valued
  /// one; set from the schema by the pipeline, not encoded (see `MultiValueFormat`).
  public internal(set) var multi: MultiValueFormat?
  private var lookup: [String: Int32]

  /// Builds from value counts (order of `counts` does not matter).
  public init(name: String, counts: [String: Int], minCount: Int = 1) {
    self.name = name
    self.minCount = minCount
    tokens = counts.filter { $0.value >= minCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map(\.key)
    cuts = nil
    lookup = Vocabulary.makeLookup(tokens)
  }

  /// A numeric vocabulary cutting the numbers among `counts` (value -> train impressions) into up
  /// to `buckets` quantile buckets; values that are not finite numbers, or in `missing`, are left
  /// out. No number at all gives no bucket: every value is then OOV.
  public init(name: String, numericCounts counts: [String: Int], buckets: Int, missing: Set<String>) {
    let entries = counts.compactMap { key, n -> (value: Float, weight: Int)? in
      guard !missing.contains(key), let v = Vocabulary.number(key) else { return nil }
      return (v, n)
    }
    self.init(name: name, cuts: entries.isEmpty ? nil : QuantileCuts.cuts(entries, buckets: buckets))
    self.missing = missing
  }

  /// A numeric vocabulary of the given cuts (`nil`: no bucket at all, every value OOV).
  init(name: String, cuts: [Float]?) {
    self.name = name
    minCount = 1
    self.cuts = cuts ?? []
    tokens = cuts.map(Vocabulary.bucketLabels) ?? []
    lookup = Vocabulary.makeLookup(tokens)
  }

  /// A vocabulary of fixed values in the given order (e.g. domains), indices 1...n.
  public init(name: String, fixed values: [String]) {
    self.name = name
    minCount = 0
    tokens = values
    cuts = nil
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

  /// Whether this is a numeric feature's vocabulary (buckets, not categories).
  public var isNumeric: Bool { cuts != nil }

  /// The index of `value`, 0 if out of vocabulary. A numeric vocabulary maps a number (or a
  /// bucket's label) to its bucket; a non-number, a missing value, or any value when there are no
  /// buckets, to 0.
  public func index(of value: String) -> Int32 {
    if let index = lookup[value] { return index }
    guard let cuts, !tokens.isEmpty, !missing.contains(value), let v = Vocabulary.number(value) else {
      return 0
    }
    return QuantileCuts.bucket(of: v, cuts: cuts)
  }

  /// Whether `value` has its own index.
  public func contains(_ value: String) -> Bool { index(of: value) != 0 }

  /// A cell as a number: a finite decimal (`12`, `-3.5`, `1e3`); nil for anything else.
  static func number(_ text: String) -> Float? {
    // Float(_:) also reads hexadecimal (`0x1p3`): not a count a log would hold.
    guard !text.contains(where: { $0 == "x" || $0 == "X" }), let v = Float(text), v.isFinite else {
      return nil
    }
    return v
  }

  /// Labels of the buckets cut at `cuts`: `<c1`, `c1..<c2`, ..., `>=ck` (one bucket: `any`).
  static func bucketLabels(_ cuts: [Float]) -> [String] {
    guard let first = cuts.first, let last = cuts.last else { return ["any"] }
    var labels = ["<\(first)"]
    for j in 1..<cuts.count { labels.append("\(cuts[j - 1])..<\(cuts[j])") }
    labels.append(">=\(last)")
    return labels
  }

  /// The value of an index, or nil for the OOV slot.
  public func token(at index: Int32) -> String? {
    index >= 1 && Int(index) <= tokens.count ? tokens[Int(index) - 1] : nil
  }

  enum CodingKeys: String, CodingKey { case name, minCount = "min_count", tokens, cuts }

  /// A numeric vocabulary's `cuts` must be finite and strictly increasing and its tokens their
  /// bucket labels (so its size is the embedding table's), or empty when there are no buckets.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    minCount = try c.decode(Int.self, forKey: .minCount)
    tokens = try c.decode([String].self, forKey: .tokens)
    cuts = try c.decodeIfPresent([Float].self, forKey: .cuts)
    if let cuts {
      guard cuts.allSatisfy(\.isFinite), zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }) else {
        throw DecodingError.dataCorruptedError(
          forKey: .cuts, in: c, debugDescription: "cuts of '\(name)' must be finite and strictly increasing")
      }
      guard tokens.isEmpty ? cuts.isEmpty : tokens == Vocabulary.bucketLabels(cuts) else {
        throw DecodingError.dataCorruptedError(
          forKey: .tokens, in: c,
          debugDescription: "tokens of numeric '\(name)' must be the labels of its \(cuts.count + 1) buckets")
      }
    }
    lookup = Vocabulary.makeLookup(tokens)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(minCount, forKey: .minCount)
    try c.encode(tokens, forKey: .tokens)
    try c.encodeIfPresent(cuts, forKey: .cuts)
  }
}
