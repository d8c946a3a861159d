/// The explorer's colours, as xterm-256 indices, and the gate colour ramp.
public enum Palette {
  public static let header: UInt8 = 236
  public static let accent: UInt8 = 75
  public static let border: UInt8 = 240
  public static let muted: UInt8 = 245
  public static let text: UInt8 = 252
  public static let selection: UInt8 = 24
  public static let good: UInt8 = 114
  public static let bad: UInt8 = 203
  public static let damped: UInt8 = 75
  public static let amplified: UInt8 = 215
  public static let score: UInt8 = 150
  public static let pinned: UInt8 = 177
  public static let warning: UInt8 = 221

  /// Damped blue through neutral grey to amplified orange.
  static let ramp: [UInt8] = [21, 27, 33, 39, 74, 110, 247, 223, 216, 215, 209, 202]

  /// The ramp colour for a gate value in `0...gamma` (neutral grey at gamma / 2).
  public static func gate(_ value: Float, gamma: Float) -> UInt8 {
    guard gamma > 0, value.isFinite else { return ramp[6] }
    let t = min(1, max(0, value / gamma))
    // Keep a small band around neutral grey so "about 1" reads as neutral.
    if abs(t - 0.5) < 0.04 { return ramp[6] }
    if t < 0.5 { return ramp[min(5, Int(t / 0.5 * 6))] }
    return ramp[min(11, 7 + Int((t - 0.5) / 0.5 * 5))]
  }

  /// The colour of a signed change: orange up, blue down, grey about zero.
  public static func change(_ delta: Float, threshold: Float = 0.02) -> UInt8 {
    delta > threshold ? amplified : delta < -threshold ? damped : muted
  }
}
