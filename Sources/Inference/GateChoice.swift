import PepnetData
import PepnetModel

/// Whose gates a ranking uses (`pepnet rank --gates`, issue 14's effect view): the user's own, or
/// population-average gates (`PopulationGates`) substituted in the forward pass.
///
/// - `averageEPNet`: EPNet's gate replaced by its average over the sample's pairs in the domain;
///   PPNet's gates are computed as usual, from the user's prior and the EPNet output this gives.
/// - `averagePPNet`: every PPNet gate replaced by its average over the sample's pairs in the
///   domain; EPNet is the user's own.
/// - `average`: both replaced.
public enum GateChoice: String, Sendable, CaseIterable {
  case own
  case averageEPNet = "average-epnet"
  case averagePPNet = "average-ppnet"
  case average

  public var averagesEPNet: Bool { self == .averageEPNet || self == .average }
  public var averagesPPNet: Bool { self == .averagePPNet || self == .average }

  /// Why a model cannot rank with these gates (it lacks the network to average), or nil.
  public func problem(for model: RecommenderModel) -> String? {
    guard self != .own else { return nil }
    guard let pepnet = model as? PEPNet else {
      return "a \(model.config.architecture.rawValue) model has no gates to average"
    }
    if averagesEPNet && pepnet.epnet == nil {
      return "a \(model.config.architecture.rawValue) model has no EPNet gates to average"
    }
    if averagesPPNet && pepnet.ppnet.gate == nil {
      return "a \(model.config.architecture.rawValue) model has no PPNet gates to average"
    }
    return nil
  }

  /// The override for `domain` from `population` (computed for that domain), nil for `own`.
  public func override(domain: Int, population: PopulationGates) -> GateOverride? {
    guard self != .own else { return nil }
    return GateOverride(
      epnet: averagesEPNet ? population.epnetAverage[domain] : nil,
      ppnet: averagesPPNet ? population.ppnetAverage[domain] : nil)
  }

  /// Probabilities (`[task][k]` for `items[k]`, default the whole catalog) for (user, domain) with
  /// these gates. A weight-sharing copy of the model carries the override, so the bundle's model
  /// keeps its own.
  public func scores(
    bundle: ModelBundle, user: Int, domain: Int, population: PopulationGates?, items: [Int]? = nil
  ) -> [[Float]] {
    guard let population, let override = override(domain: domain, population: population),
      let model = bundle.model as? PEPNet
    else {
      return CatalogRanker(bundle: bundle).scores(user: user, domain: domain, items: items)
    }
    let copy = PEPNet(config: model.config, seed: 0)
    copy.shareWeights(of: model)
    copy.gateOverride = override
    var substituted = bundle
    substituted.model = copy
    // One thread: the scorer's replicas would not carry the override.
    return CatalogRanker(bundle: substituted, threads: 1).scores(user: user, domain: domain, items: items)
  }
}
