import Foundation
import PepnetData
import PepnetExplorer
import PepnetInference
import PepnetModel
import PepnetNumerics
import PepnetText

/// Opens a model bundle as the explorer's data source. Loading (and so every bundle error)
/// happens here, before the explorer takes over the screen. `precision` is used as given (resolve
/// a request first): rankings and gates are computed at it, as `pepnet rank` and `pepnet gates` do.
func loadExplorerSource(bundlePath: String, precision: Precision = .fp32) throws -> ExplorerDataSource {
  // Ranking splits the catalog across two threads itself; GEMMs stay single-threaded.
  BLASThreads.set(1)
  return try BundleExplorerSource(
    bundle: ModelBundle.load(from: bundlePath), path: bundlePath, precision: precision)
}

/// The explorer's view of a trained bundle, through the same inference code as `pepnet rank` and
/// `pepnet gates`. The model's buffers are not reentrant, so calls are serialised by a lock (the
/// explorer calls from one worker thread anyway). The title ends with the precision, which the
/// header shows.
final class BundleExplorerSource: ExplorerDataSource, @unchecked Sendable {
  let title: String
  let users: [ExplorerUser]
  let items: [ExplorerItem]
  let domains: [String]
  let tasks: [String]
  let architecture: ExplorerArchitecture
  let defaultWeights: [Float]
  let editableFeatures: [EditableFeature]
  /// The bundle's candidate sets (`CandidateSet`, as `pepnet rank` ranks by default); nil for a
  /// bundle without them, which lists the whole catalogue in every domain.
  let domainCandidates: [[Int]]?
  let candidatesAreListed: Bool
  private let ranker: CatalogRanker
  private let inspector: GateInspector
  /// The oneDNN pass the gate readouts run in, as the scorer's (bf16: weights converted once, here).
  private let gatePass: InferencePass
  private let lock = NSLock()
  private var averages: [Int: [Float]] = [:]
  private let bundle: ModelBundle
  /// The overview's statistics over every domain, once computed.
  private var populationCache: PopulationGates??
  /// One domain's statistics for the effect view's average gates (when the overview has not run).
  private var domainPopulations: [Int: PopulationGates] = [:]
  /// The last few effects' scores, so that another tab or blend compares without scoring again.
  private var recentEffects: [(key: EffectKey, effect: PersonalisationEffect)] = []

  private struct EffectKey: Equatable {
    var user: Int
    var domain: Int
    var gates: GateChoice
  }

  init(bundle: ModelBundle, path: String, precision: Precision = .fp32) {
    let pipeline = bundle.pipeline
    let config = bundle.manifest.model
    let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    // The precision early: the header cuts the title's end on a narrow screen.
    title =
      "\(name) · \(config.architecture.rawValue) · \(precision.rawValue) · \(Self.fieldsText(config))"
      + " · dim \(config.embeddingDim)"
    // An id of users.csv or items.csv that the vocabulary dropped (`id_min_count`) is scored
    // through the out-of-vocabulary embedding: the explorer marks it.
    users = (0..<pipeline.users.count).map { u in
      ExplorerUser(
        id: pipeline.users.ids[u],
        features: pipeline.users.profile(u).map { ProfileField(name: $0.name, value: $0.value) },
        known: pipeline.userIds.contains(pipeline.users.ids[u]))
    }
    items = (0..<pipeline.items.count).map { i in
      ExplorerItem(
        id: pipeline.items.ids[i], title: pipeline.items.titles[i],
        features: (pipeline.hasAuthor ? [ProfileField(name: "author", value: pipeline.items.authors[i])] : [])
          + pipeline.items.attributes(i).map { ProfileField(name: $0.name, value: $0.value) },
        known: pipeline.itemIds.contains(pipeline.items.ids[i]))
    }
    domains = bundle.manifest.domains
    tasks = bundle.manifest.tasks
    architecture = ExplorerArchitecture(
      name: config.architecture.rawValue, hasEPNet: config.architecture.hasEPNet,
      hasPPNet: config.architecture.hasPPNet, summary: config.architecture.summary)
    defaultWeights = bundle.manifest.defaultWeights
    editableFeatures = FeatureOverrides.editableFields(pipeline).map { field in
      let context = pipeline.context.firstIndex { $0.name == field.vocabulary.name }
      return EditableFeature(
        name: field.vocabulary.name, values: field.vocabulary.tokens, isContext: context != nil,
        defaultValue: context.flatMap { field.vocabulary.token(at: pipeline.contextDefaults[$0]) })
    }
    let sets = bundle.manifest.domains.indices.map {
      CandidateSet(pipeline: pipeline, domain: $0, choice: .domain)
    }
    domainCandidates = sets.allSatisfy { $0.applied == .domain } ? sets.map { $0.items ?? [] } : nil
    candidatesAreListed = sets.first?.listedByCatalogue ?? false
    ranker = CatalogRanker(bundle: bundle, precision: precision)
    inspector = GateInspector(bundle: bundle)
    self.bundle = bundle
    gatePass = Scorer.pass(for: precision, model: bundle.model)
  }

  /// Runs a gate readout at the source's precision (one oneDNN thread: the explorer's worker).
  private func atPrecision<T>(_ body: () -> T) -> T {
    OneDNN.setThreadsForThisThread(1)
    return gatePass.run(body)
  }

  /// "11 general + 5 domain-side fields": EPNet gates the general ones (the explorer's EPNet pane).
  static func fieldsText(_ config: ModelConfig) -> String {
    "\(config.generalFields.count) general + \(config.domainSideFields.count) domain-side fields"
  }

  func scores(user: Int, domain: Int) -> [[Float]] { scores(user: user, domain: domain, edits: []) }

  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    gates(user: user, item: item, domain: domain, edits: [])
  }

  /// The what-if's edits as `FeatureOverrides`, or nil for edits the bundle refuses (the explorer
  /// offers only `editableFeatures`, and `--edit` is checked before the explorer starts).
  private func overrides(_ edits: [ProfileField]) -> FeatureOverrides? {
    if edits.isEmpty { return FeatureOverrides() }
    return try? FeatureOverrides(edits.map { (field: $0.name, value: $0.value) }, pipeline: ranker.pipeline)
  }

  /// Refused edits give no scores, which the explorer ignores.
  func scores(user: Int, domain: Int, edits: [ProfileField]) -> [[Float]] {
    guard let overrides = overrides(edits) else { return [] }
    lock.lock()
    defer { lock.unlock() }
    guard let candidates = candidates(domain: domain) else {
      return ranker.scores(user: user, domain: domain, overrides: overrides)
    }
    // Only the domain's candidates are scored, as `pepnet rank` scores them; the other items are
    // NaN (not scored), which the explorer lists after the candidates without a rank.
    let scored = ranker.scores(user: user, domain: domain, items: candidates, overrides: overrides)
    return scored.map { row in
      var all = [Float](repeating: .nan, count: items.count)
      for (k, item) in candidates.enumerated() { all[item] = row[k] }
      return all
    }
  }

  /// The items `domain`'s rankings score, nil for the whole catalogue (`domainCandidates`).
  private func candidates(domain: Int) -> [Int]? {
    domainCandidates.flatMap { domain < $0.count ? $0[domain] : nil }
  }

  func gates(user: Int, item: Int, domain: Int, edits: [ProfileField]) -> GateReadout {
    guard let overrides = overrides(edits) else { return GateReadout(epnet: [], ppnet: [], gamma: 2) }
    lock.lock()
    defer { lock.unlock() }
    guard
      let g = atPrecision({
        inspector.gates(user: user, item: item, domain: domain, overrides: overrides)
      })
    else {
      return GateReadout(epnet: [], ppnet: [], gamma: 2)
    }
    return GateReadout(
      epnet: g.epnet.map { FieldGateReadout(field: $0.field, values: $0.values) }, ppnet: g.ppnet,
      gamma: g.gamma)
  }

  func averageEPNetGates(domain: Int) -> [Float] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = averages[domain] { return cached }
    let value = atPrecision { inspector.averageEPNetGates(domain: domain) }
    averages[domain] = value
    return value
  }
}

extension BundleExplorerSource {
  /// `pepnet inspect`'s statistics over the default sample (`PopulationGates`), computed once.
  func population() -> ExplorerPopulation? {
    lock.lock()
    defer { lock.unlock() }
    return populationLocked().map(Self.explorerPopulation)
  }

  /// `pepnet rank --gates AVERAGE` against the user's own gates (`PersonalisationEffect`), with
  /// the same default sample.
  func effect(user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int)
    -> ExplorerEffect?
  {
    guard let choice = GateChoice(rawValue: average.rawValue), choice.problem(for: bundle.model) == nil,
      weights.count == tasks.count
    else { return nil }
    lock.lock()
    defer { lock.unlock() }
    let key = EffectKey(user: user, domain: domain, gates: choice)
    let effect: PersonalisationEffect
    if let recent = recentEffects.first(where: { $0.key == key }) {
      effect = recent.effect
    } else {
      let population: PopulationGates?
      // The overview's statistics when it has run; else only this domain's (a third of the cost).
      if let all = populationCache {
        population = all
      } else if let one = domainPopulations[domain] {
        population = one
      } else {
        let one = PopulationGates.compute(
          bundle: bundle, sample: PopulationGates.sample(for: bundle), only: [domain])
        domainPopulations[domain] = one
        population = one
      }
      guard let population else { return nil }
      effect = PersonalisationEffect(
        bundle: bundle, user: user, domain: domain, gates: choice, population: population,
        items: candidates(domain: domain))
      recentEffects.insert((key, effect), at: 0)
      if recentEffects.count > 4 { recentEffects.removeLast() }
    }
    guard let c = effect.comparison(weights: weights, k: k) else { return nil }
    func moves(_ m: [RankingComparison.Move]) -> [ExplorerMove] {
      m.map { ExplorerMove(item: $0.item, from: $0.from, to: $0.to) }
    }
    return ExplorerEffect(
      user: user, domain: domain, average: average, weights: weights, k: k, overlap: c.overlap,
      spearman: c.spearman, up: moves(c.up), down: moves(c.down), averageTop: moves(c.baseTop))
  }

  /// The statistics of every domain, computed on first use; expects the lock held.
  private func populationLocked() -> PopulationGates? {
    if let populationCache { return populationCache }
    let computed = PopulationGates.compute(bundle: bundle, sample: PopulationGates.sample(for: bundle))
    populationCache = .some(computed)
    return computed
  }

  static func explorerPopulation(_ p: PopulationGates) -> ExplorerPopulation {
    func spread(_ s: GateSpread) -> ExplorerSpread { ExplorerSpread(mean: s.mean, p10: s.p10, p90: s.p90) }
    func health(_ h: GateHealth) -> ExplorerGateHealth {
      ExplorerGateHealth(
        values: h.values, saturated: h.saturated, nearNeutral: h.nearNeutral, units: h.units, dead: h.dead)
    }
    return ExplorerPopulation(
      users: p.sample.users.count, itemsPerUser: p.sample.itemsPerUser, seed: p.sample.seed, fields: p.fields,
      gamma: p.gamma, epnet: p.epnet.map { $0.map(spread) }, ppnet: p.ppnet.map { $0.map { $0.map(spread) } },
      contrasts: DomainContrast.largest(
        gates: p.epnet.map { $0.map(\.mean) }, domains: p.domains, fields: p.fields
      ).map(\.sentence),
      epnetHealth: p.hasEPNet ? health(p.epnetHealth) : nil,
      ppnetHealth: p.hasPPNet ? health(p.ppnetHealth) : nil)
  }
}
