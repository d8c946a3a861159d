/// The largest differences between domains in a population's EPNet gates, as sentences such as
/// "featured amplifies category 1.30× more than double_column (1.13 vs 0.87)".
///
/// For each general field, the ratio of its highest to its lowest average gate across domains;
/// the fields with the largest ratios come first (ties by field order). A field whose gates are
/// within 1% of each other (ratio below `minimumRatio`) is no contrast.
public struct DomainContrast: Sendable, Equatable {
  public static let minimumRatio: Float = 1.01

  public var field: String
  /// The domain with the higher and the one with the lower average gate.
  public var higher: String
  public var lower: String
  public var high: Float
  public var low: Float
  public var ratio: Float { high / low }

  /// Up to `limit` contrasts from `gates[domain][field]` (average gates), largest ratio first.
  public static func largest(gates: [[Float]], domains: [String], fields: [String], limit: Int = 3)
    -> [DomainContrast]
  {
    guard domains.count > 1 else { return [] }
    var found: [(index: Int, contrast: DomainContrast)] = []
    for (f, field) in fields.enumerated() {
      let column = gates.indices.filter { f < gates[$0].count }.map { ($0, gates[$0][f]) }
      guard let hi = column.max(by: { $0.1 < $1.1 }), let lo = column.min(by: { $0.1 < $1.1 }), lo.1 > 0
      else {
        continue
      }
      let contrast = DomainContrast(
        field: field, higher: domains[hi.0], lower: domains[lo.0], high: hi.1, low: lo.1)
      if contrast.ratio >= minimumRatio { found.append((f, contrast)) }
    }
    found.sort {
      $0.contrast.ratio != $1.contrast.ratio ? $0.contrast.ratio > $1.contrast.ratio : $0.index < $1.index
    }
    return found.prefix(limit).map(\.contrast)
  }

  /// The sentence: "amplifies … more" when the higher gate is above 1 (neutral), "damps … less"
  /// when both damp.
  public var sentence: String {
    let r = Self.format(ratio, digits: 2)
    let numbers = "(\(Self.format(high, digits: 2)) vs \(Self.format(low, digits: 2)))"
    if high > 1 {
      return "\(higher) amplifies \(field) \(r)× more than \(lower) \(numbers)"
    }
    return "\(higher) damps \(field) less than \(lower), \(r)× the gate \(numbers)"
  }

  /// `value` with `digits` decimals (no Foundation formatting: the same text on every platform).
  static func format(_ value: Float, digits: Int) -> String {
    var scale: Float = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    let padded = String(repeating: "0", count: digits - fraction.count) + fraction
    return (value < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + padded : "")
  }
}
