/// The gates on screen for one (user, item, domain), with the short transition from what was shown before.
public struct GateDisplay: Sendable {
  public var user: Int
  public var item: Int
  public var domain: Int
  public var target: GateReadout
  public var average: [Float]
  /// What was displayed when these gates arrived (nil: no transition).
  public var from: GateReadout?
  public var start: Double
  public var duration: Double

  public static let defaultDuration = 0.2

  /// Transition progress at `now`, eased out, in `0...1`.
  public func progress(_ now: Double) -> Float {
    guard from != nil, duration > 0 else { return 1 }
    let t = min(1, max(0, (now - start) / duration))
    return Float(1 - (1 - t) * (1 - t) * (1 - t))
  }

  public func isAnimating(_ now: Double) -> Bool { from != nil && now < start + duration }

  /// The displayed EPNet mean of field `f`.
  public func epMean(_ f: Int, _ p: Float) -> Float {
    let to = target.epnet[f].mean
    guard p < 1, let from, f < from.epnet.count else { return to }
    return from.epnet[f].mean + (to - from.epnet[f].mean) * p
  }

  /// The displayed EPNet element `e` of field `f`.
  public func epValue(_ f: Int, _ e: Int, _ p: Float) -> Float {
    let to = target.epnet[f].values[e]
    guard p < 1, let from, f < from.epnet.count, e < from.epnet[f].values.count else { return to }
    return from.epnet[f].values[e] + (to - from.epnet[f].values[e]) * p
  }

  /// The displayed PPNet unit gate.
  public func ppValue(_ t: Int, _ l: Int, _ k: Int, _ p: Float) -> Float {
    let to = target.ppnet[t][l][k]
    guard p < 1, let from, t < from.ppnet.count, l < from.ppnet[t].count, k < from.ppnet[t][l].count else {
      return to
    }
    return from.ppnet[t][l][k] + (to - from.ppnet[t][l][k]) * p
  }

  /// The readout as displayed at `now` (used as the start of the next transition).
  public func displayed(_ now: Double) -> GateReadout {
    let p = progress(now)
    if p >= 1 { return target }
    var r = target
    for f in r.epnet.indices {
      for e in r.epnet[f].values.indices { r.epnet[f].values[e] = epValue(f, e, p) }
      r.epnet[f] = FieldGateReadout(field: r.epnet[f].field, values: r.epnet[f].values)
    }
    for t in r.ppnet.indices {
      for l in r.ppnet[t].indices {
        for k in r.ppnet[t][l].indices { r.ppnet[t][l][k] = ppValue(t, l, k, p) }
      }
    }
    return r
  }
}
