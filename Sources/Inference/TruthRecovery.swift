import PepnetData
import PepnetModel

/// How well a PEPNet's gates recover the personalisation planted in a generated world
/// (`truth.json`, issue 16; `pepnet inspect --data`). docs/personalisation.md defines it:
///
/// - **EPNet**: Spearman's correlation, over every (field, domain) pair, between the field's
///   planted importance in the domain and its domain-average EPNet gate, both centred per field
///   across domains (so what is compared is how the domains differ, not how fields differ).
/// - **PPNet**, per task: Spearman's correlation, over the sampled users, between the size of the
///   user's planted propensity deviation and the size of the user's personalisation effect on the
///   task (`|deviation|` against `|effect|`, the issue's "size of that user's personalisation
///   effect"). The effect is the mean change in the task's logit, over the user's sampled items
///   and every domain, when the user's PPNet gates are replaced by the population average
///   (`GateChoice.averagePPNet`).
/// - **PPNet, signed** (a diagnostic): the same with the signs kept (deviation against effect), so
///   gates that push a heavy follower's follow down count against it.
public struct TruthRecovery: Sendable, Equatable {
  /// How a user's planted deviation is compared with the user's effect.
  public enum Comparison: Sendable {
    /// `|deviation|` against `|effect|`: whether the gates personalise most where most is planted.
    case magnitude
    /// Deviation against effect: whether they also move the logit the planted way.
    case signed
  }

  /// Nil without EPNet, or when no field of the truth is a general field of the model.
  public var epnet: Double?
  /// Per task present in both, by magnitude (nil values when the effects or deviations do not vary).
  public var ppnet: [(task: String, r: Double?)]
  /// The same correlation with the signs kept (`Comparison.signed`), a diagnostic.
  public var ppnetSigned: [(task: String, r: Double?)] = []
  /// The signed correlation with the user's mean logit itself (own gates) in place of the effect:
  /// whether the model knows the planted propensity at all, through any path (a diagnostic for
  /// a low `ppnet`: high here means the propensity is learned, but not by the gates).
  public var userLogit: [(task: String, r: Double?)] = []
  /// The (field, domain) pairs and the users compared.
  public var epnetPairs: Int
  public var ppnetUsers: Int

  public static func == (a: TruthRecovery, b: TruthRecovery) -> Bool {
    a.epnet == b.epnet && a.ppnet.map(\.task) == b.ppnet.map(\.task) && a.ppnet.map(\.r) == b.ppnet.map(\.r)
      && a.epnetPairs == b.epnetPairs && a.ppnetUsers == b.ppnetUsers
      && a.userLogit.map(\.task) == b.userLogit.map(\.task) && a.userLogit.map(\.r) == b.userLogit.map(\.r)
      && a.ppnetSigned.map(\.task) == b.ppnetSigned.map(\.task)
      && a.ppnetSigned.map(\.r) == b.ppnetSigned.map(\.r)
  }

  /// The mean over tasks of the PPNet correlations that exist, or nil.
  public var ppnetMean: Double? { Self.mean(ppnet) }
  /// The same over the signed correlations.
  public var ppnetSignedMean: Double? { Self.mean(ppnetSigned) }

  static func mean(_ correlations: [(task: String, r: Double?)]) -> Double? {
    let values = correlations.compactMap(\.r)
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// EPNet's recovery from `gates[domain][field]` (domain-average gates of `fields` in `domains`).
  /// Domains and fields are matched by name; a field needs two shared domains to be compared.
  public static func epnet(truth: GroundTruth, domains: [String], fields: [String], gates: [[Float]])
    -> (r: Double?, pairs: Int)
  {
    let shared = domains.indices.compactMap { d in truth.domains.firstIndex(of: domains[d]).map { (d, $0) } }
    var planted: [Double] = [], observed: [Double] = []
    for (f, field) in fields.enumerated() {
      guard let importance = truth.fieldImportance[field], shared.count >= 2 else { continue }
      let x = shared.map { importance[$0.1] }
      let y = shared.map { Double(gates[$0.0][f]) }
      let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
      planted += x.map { $0 - mx }
      observed += y.map { $0 - my }
    }
    return (RankCorrelation.spearman(planted, observed), planted.count)
  }

  /// PPNet's recovery per task from `effects[task][k]` of sample users with ids `userIds[k]`
  /// (`tasks` in the model's order), by magnitude unless `comparison` says signed. Users absent
  /// from the truth are left out.
  public static func ppnet(
    truth: GroundTruth, tasks: [String], userIds: [String], effects: [[Double]],
    comparison: Comparison = .magnitude
  ) -> (r: [(task: String, r: Double?)], users: Int) {
    let index = Dictionary(truth.users.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let known = userIds.indices.compactMap { k in index[userIds[k]].map { (k, $0) } }
    var result: [(task: String, r: Double?)] = []
    for (t, task) in tasks.enumerated() {
      guard let planted = truth.tasks.firstIndex(of: task) else { continue }
      var x = known.map { truth.users[$0.1].propensityDeviation[planted] }
      var y = known.map { effects[t][$0.0] }
      if comparison == .magnitude {
        x = x.map(abs)
        y = y.map(abs)
      }
      result.append((task, RankCorrelation.spearman(x, y)))
    }
    return (result, known.count)
  }

  /// The recovery of a bundle's PEPNet, from its population statistics (computed for every
  /// domain on `population.sample`). Nil when the model has no gates.
  public static func compute(bundle: ModelBundle, population: PopulationGates, truth: GroundTruth)
    -> TruthRecovery?
  {
    guard let model = bundle.model as? PEPNet else { return nil }
    var recovery = TruthRecovery(epnet: nil, ppnet: [], epnetPairs: 0, ppnetUsers: 0)
    if population.hasEPNet {
      let e = epnet(
        truth: truth, domains: population.domains, fields: population.fields,
        gates: population.epnet.map { $0.map(\.mean) })
      recovery.epnet = e.r
      recovery.epnetPairs = e.pairs
    }
    if population.hasPPNet {
      let logits = userLogits(model: model, pipeline: bundle.pipeline, population: population)
      let ids = population.sample.users.map { bundle.pipeline.users.ids[$0] }
      let p = ppnet(truth: truth, tasks: population.tasks, userIds: ids, effects: logits.effect)
      recovery.ppnet = p.r
      recovery.ppnetUsers = p.users
      recovery.ppnetSigned =
        ppnet(
          truth: truth, tasks: population.tasks, userIds: ids, effects: logits.effect, comparison: .signed
        ).r
      recovery.userLogit =
        ppnet(truth: truth, tasks: population.tasks, userIds: ids, effects: logits.own, comparison: .signed).r
    }
    return recovery
  }

  /// `effects[task][k]`: the mean over domains and `sample.items[k]` of the task's logit with the
  /// user's own PPNet gates minus with the domain's average PPNet gates.
  static func personalisationEffects(model: PEPNet, pipeline: FeaturePipeline, population: PopulationGates)
    -> [[Double]]
  {
    userLogits(model: model, pipeline: pipeline, population: population).effect
  }

  /// Per task and sample user, over domains and the user's items: the mean logit with the user's
  /// own gates (`own`) and the mean effect of the own PPNet gates against the average (`effect`).
  static func userLogits(model: PEPNet, pipeline: FeaturePipeline, population: PopulationGates)
    -> (own: [[Double]], effect: [[Double]])
  {
    let sample = population.sample
    let tasks = model.config.taskCount
    let own = PEPNet(config: model.config, seed: 0)
    own.shareWeights(of: model)
    let average = PEPNet(config: model.config, seed: 0)
    average.shareWeights(of: model)
    let batch = Batch(config: model.config, capacity: 0)
    var effects = [[Double]](repeating: [Double](repeating: 0, count: sample.users.count), count: tasks)
    var owns = effects
    let domains = population.domains.indices
    for d in domains {
      average.gateOverride = GateOverride(ppnet: population.ppnetAverage[d])
      for (k, user) in sample.users.enumerated() where !sample.items[k].isEmpty {
        pipeline.fillRanking(batch, user: user, items: sample.items[k], domain: d)
        let mine = own.forward(batch)
        var sums = [Double](repeating: 0, count: tasks)
        for r in 0..<batch.count { for t in 0..<tasks { sums[t] += Double(mine[r, t]) } }
        let n = Double(batch.count * domains.count)
        for t in 0..<tasks { owns[t][k] += sums[t] / n }
        let theirs = average.forward(batch)
        for r in 0..<batch.count { for t in 0..<tasks { sums[t] -= Double(theirs[r, t]) } }
        for t in 0..<tasks { effects[t][k] += sums[t] / n }
      }
    }
    return (owns, effects)
  }
}
