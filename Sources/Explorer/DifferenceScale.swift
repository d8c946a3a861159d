/// A colour ramp for signed differences scaled to the differences present: the largest magnitude
/// on screen takes the ramp's ends (deep blue down, deep orange up), so a comparison whose changes
/// are all small still shows which are the biggest, and one with large changes does not saturate.
/// `floor` keeps noise grey: below it nothing counts as a difference.
public struct DifferenceScale: Sendable, Equatable {
  /// The magnitude mapped to the ramp's ends; at least `floor`, and positive.
  public var limit: Float
  public var floor: Float

  public init(_ differences: some Sequence<Float>, floor: Float) {
    var largest: Float = 0
    for d in differences where d.isFinite { largest = max(largest, abs(d)) }
    self.floor = max(floor, .leastNormalMagnitude)
    limit = max(largest, self.floor)
  }

  /// The ramp colour of a difference: grey within `floor` of zero (and for non-finite values),
  /// then six steps of blue for decreases and five of orange for increases, by `|d| / limit`.
  public func color(_ d: Float) -> UInt8 {
    guard d.isFinite, abs(d) > floor else { return Palette.ramp[6] }
    let t = min(1, abs(d) / limit)
    if d < 0 { return Palette.ramp[5 - min(5, Int(t * 6))] }
    return Palette.ramp[7 + min(4, Int(t * 5))]
  }
}
