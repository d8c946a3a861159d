/// How healthy a set of gates is over a population sample.
///
/// - saturated: a gate value within `margin` (0.05) of 0 or of γ, where the sigmoid is flat and the
///   gate can no longer move (share of all sampled values);
/// - near neutral: a value within `margin` of 1, where the gate changes nothing (share of values);
/// - dead: a gate unit (one EPNet element, one PPNet unit, per domain) whose spread across users,
///   `p90 - p10` of the per-user means, is below `deadSpread` (0.01): it does not personalise
///   (share of units).
public struct GateHealth: Sendable, Equatable, Codable {
  public static let margin: Float = 0.05
  public static let deadSpread: Float = 0.01

  /// Sampled gate values, and how many were saturated or near neutral.
  public var values = 0
  public var saturated = 0
  public var nearNeutral = 0
  /// Gate units, and how many were dead.
  public var units = 0
  public var dead = 0

  public init() {}

  public var saturatedShare: Double { share(saturated, of: values) }
  public var nearNeutralShare: Double { share(nearNeutral, of: values) }
  public var deadShare: Double { share(dead, of: units) }

  /// Whether `value` counts as saturated for a gate bounded by `gamma`.
  public static func isSaturated(_ value: Float, gamma: Float) -> Bool {
    value < margin || value > gamma - margin
  }

  /// Whether `value` counts as near neutral (within `margin` of 1).
  public static func isNearNeutral(_ value: Float) -> Bool { abs(value - 1) < margin }

  /// The sum of two healths (of disjoint gates).
  public static func + (a: GateHealth, b: GateHealth) -> GateHealth {
    var s = GateHealth()
    s.values = a.values + b.values
    s.saturated = a.saturated + b.saturated
    s.nearNeutral = a.nearNeutral + b.nearNeutral
    s.units = a.units + b.units
    s.dead = a.dead + b.dead
    return s
  }

  private func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
}
