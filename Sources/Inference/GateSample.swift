/// The values of one group of gate units (EPNet's gate in one domain, or one PPNet layer of one task
/// in one domain) over a population sample, kept as per-user sums: what the population statistics
/// are computed from.
///
/// `add(user:values:)` takes one sampled (user, item) pair's gate values, one per unit. Each
/// user's value of a unit is the mean over that user's pairs; a spread is over those per-user
/// means, so a user with more pairs does not weigh more.
public struct GateSample: Sendable {
  public let users: Int
  public let units: Int
  public let gamma: Float
  /// `sums[user * units + unit]`.
  private var sums: [Double]
  private var pairs: [Int]
  /// Saturated and near-neutral counts over every value added.
  public private(set) var health = GateHealth()

  public init(users: Int, units: Int, gamma: Float) {
    self.users = users
    self.units = units
    self.gamma = gamma
    sums = [Double](repeating: 0, count: users * units)
    pairs = [Int](repeating: 0, count: users)
  }

  /// Adds one pair's gate values (exactly `units` of them) for sample user `user` (0..<users).
  public mutating func add(user: Int, values: UnsafeBufferPointer<Float>) {
    precondition(user >= 0 && user < users && values.count == units, "one value per unit")
    pairs[user] += 1
    let base = user * units
    for (k, v) in values.enumerated() {
      sums[base + k] += Double(v)
      if GateHealth.isSaturated(v, gamma: gamma) { health.saturated += 1 }
      if GateHealth.isNearNeutral(v) { health.nearNeutral += 1 }
    }
    health.values += values.count
  }

  /// Adds one pair's gate values from an array.
  public mutating func add(user: Int, values: [Float]) {
    values.withUnsafeBufferPointer { add(user: user, values: $0) }
  }

  /// The users that have at least one pair.
  private var sampledUsers: [Int] { (0..<users).filter { pairs[$0] > 0 } }

  /// Per sampled user, the mean over its pairs of the average of units `range`.
  public func userMeans(units range: Range<Int>) -> [Float] {
    sampledUsers.map { u in
      var total = 0.0
      for k in range { total += sums[u * units + k] }
      return Float(total / Double(pairs[u] * range.count))
    }
  }

  /// The average of units `range` across users, with its spread.
  public func spread(units range: Range<Int>) -> GateSpread { GateSpread(of: userMeans(units: range)) }

  /// Each unit's mean over the users (each user's mean over its pairs first): the "average gate"
  /// substituted by `pepnet rank --gates average`.
  public var averageGate: [Float] {
    let sampled = sampledUsers
    return (0..<units).map { k in
      var total = 0.0
      for u in sampled { total += sums[u * units + k] / Double(pairs[u]) }
      return Float(total / Double(max(sampled.count, 1)))
    }
  }

  /// Saturated and near-neutral counts with the dead units counted too.
  public var fullHealth: GateHealth {
    var h = health
    h.units = units
    h.dead = (0..<units).filter { spread(units: $0..<($0 + 1)).width < GateHealth.deadSpread }.count
    return h
  }
}
