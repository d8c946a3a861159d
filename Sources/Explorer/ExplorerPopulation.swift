/// A gate's average over the population sample and its spread across users (10th and 90th
/// percentiles of the per-user means), as `pepnet inspect` prints it.
public struct ExplorerSpread: Sendable, Equatable {
  public var mean: Float
  public var p10: Float
  public var p90: Float
  public init(mean: Float, p10: Float, p90: Float) {
    self.mean = mean
    self.p10 = p10
    self.p90 = p90
  }
}

/// Gate health over the sample: shares of values saturated (within 0.05 of 0 or γ) or near
/// neutral (within 0.05 of 1), and of units dead (spread across users below 0.01).
public struct ExplorerGateHealth: Sendable, Equatable {
  public var values: Int
  public var saturated: Int
  public var nearNeutral: Int
  public var units: Int
  public var dead: Int
  public init(values: Int, saturated: Int, nearNeutral: Int, units: Int, dead: Int) {
    self.values = values
    self.saturated = saturated
    self.nearNeutral = nearNeutral
    self.units = units
    self.dead = dead
  }
  public var saturatedShare: Double { values == 0 ? 0 : Double(saturated) / Double(values) }
  public var nearNeutralShare: Double { values == 0 ? 0 : Double(nearNeutral) / Double(values) }
  public var deadShare: Double { units == 0 ? 0 : Double(dead) / Double(units) }
}

/// What the overview shows: a model's gates over a seeded population sample, computed by the data
/// source (for bundles, by the Inference layer's `PopulationGates`, the numbers of `pepnet inspect`).
public struct ExplorerPopulation: Sendable {
  /// Sampled users, items per user and the sample's seed.
  public var users: Int
  public var itemsPerUser: Int
  public var seed: UInt64
  public var fields: [String]
  public var gamma: Float
  /// `epnet[domain][field]`; empty without EPNet.
  public var epnet: [[ExplorerSpread]]
  /// `ppnet[domain][task][layer]`; empty without PPNet.
  public var ppnet: [[[ExplorerSpread]]]
  /// The largest differences between domains, as sentences.
  public var contrasts: [String]
  public var epnetHealth: ExplorerGateHealth?
  public var ppnetHealth: ExplorerGateHealth?

  public init(
    users: Int, itemsPerUser: Int, seed: UInt64, fields: [String], gamma: Float, epnet: [[ExplorerSpread]],
    ppnet: [[[ExplorerSpread]]], contrasts: [String], epnetHealth: ExplorerGateHealth?,
    ppnetHealth: ExplorerGateHealth?
  ) {
    self.users = users
    self.itemsPerUser = itemsPerUser
    self.seed = seed
    self.fields = fields
    self.gamma = gamma
    self.epnet = epnet
    self.ppnet = ppnet
    self.contrasts = contrasts
    self.epnetHealth = epnetHealth
    self.ppnetHealth = ppnetHealth
  }
}

extension ExplorerPopulation {
  /// The first gate whose mean or spread is not finite, said as `pepnet inspect` says it when it
  /// refuses the model (`EPNet gate of field 'age' in featured is nan over the sample`); nil when
  /// every gate is finite. `domains` and `tasks` name the indices.
  public func nonFiniteGate(domains: [String], tasks: [String]) -> String? {
    func finite(_ s: ExplorerSpread) -> Bool { s.mean.isFinite && s.p10.isFinite && s.p90.isFinite }
    func name(_ names: [String], _ i: Int, _ fallback: String) -> String {
      names.indices.contains(i) ? names[i] : fallback + "\(i)"
    }
    for (d, gates) in epnet.enumerated() {
      for (f, spread) in gates.enumerated() where !finite(spread) {
        return "EPNet gate of field '\(name(fields, f, "field"))' in \(name(domains, d, "domain")) is "
          + "\(spread.mean) over the sample"
      }
    }
    for (d, perTask) in ppnet.enumerated() {
      for (t, layers) in perTask.enumerated() {
        for (l, spread) in layers.enumerated() where !finite(spread) {
          return "PPNet gate of task '\(name(tasks, t, "task"))', layer \(l + 1) in "
            + "\(name(domains, d, "domain")) is \(spread.mean) over the sample"
        }
      }
    }
    return nil
  }
}
