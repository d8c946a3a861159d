import PepnetData
import PepnetModel
import PepnetNumerics

/// A PEPNet's gates over a population sample (issue 14's population view, `pepnet inspect`): per
/// domain, every general field's EPNet gate and every task and layer's PPNet gate, averaged over
/// the sample's (user, item) pairs with the spread across users; the full average gate rows that
/// `pepnet rank --gates average…` substitutes; and the gates' health.
///
/// A field's (or layer's) value for one pair is the mean of its units (the field's embedding
/// elements, the layer's units); per user it is then averaged over the user's items, and the
/// spread is across users (`GateSpread`).
public struct PopulationGates: Sendable {
  public var domains: [String]
  public var fields: [String]
  public var tasks: [String]
  public var gamma: Float
  /// Units per field (the embedding dimension element-wise, 1 field-wise).
  public var unitsPerField: Int
  /// Gated layers per task (0 without PPNet).
  public var layers: Int
  public var sample: PopulationSample

  /// `epnet[domain][field]`; empty without EPNet. Domains not computed have empty rows.
  public var epnet: [[GateSpread]]
  /// `ppnet[domain][task][layer]`; empty without PPNet.
  public var ppnet: [[[GateSpread]]]
  /// The average EPNet gate row per domain (`GateOverride.epnet`).
  public var epnetAverage: [[Float]]
  /// The average PPNet gates per domain, `[task][layer]` (`GateOverride.ppnet`).
  public var ppnetAverage: [[[[Float]]]]
  /// Over every computed domain.
  public var epnetHealth: GateHealth
  public var ppnetHealth: GateHealth

  public var hasEPNet: Bool { !epnet.isEmpty }
  public var hasPPNet: Bool { !ppnet.isEmpty }

  /// How many sampled pairs go through the model at once.
  static let chunkRows = 512

  /// The statistics of `model` for `sample` in the domains `only` (default: every domain).
  /// The model's own gates are used (an override is lifted meanwhile); the model's buffers are
  /// used, so not while it scores elsewhere.
  public static func compute(
    model: PEPNet, pipeline: FeaturePipeline, domains: [String], tasks: [String], sample: PopulationSample,
    only: [Int]? = nil
  ) -> PopulationGates {
    let saved = model.gateOverride
    model.gateOverride = nil
    defer { model.gateOverride = saved }
    let config = model.config
    let fieldNames = config.generalFields.map(\.name)
    let unitsPerField = model.epnet.map { $0.granularity == .elementwise ? $0.dim : 1 } ?? 0
    let towers = model.ppnet
    let gated = (0..<towers.layerCount).filter { towers.isGated(layer: $0) }
    let widths = gated.map { towers.placement == .pre ? towers.dims[$0] : towers.dims[$0 + 1] }
    let users = sample.users.count
    var result = PopulationGates(
      domains: domains, fields: fieldNames, tasks: tasks, gamma: config.gamma, unitsPerField: unitsPerField,
      layers: gated.count, sample: sample,
      epnet: model.epnet == nil ? [] : domains.map { _ in [] },
      ppnet: gated.isEmpty ? [] : domains.map { _ in [] },
      epnetAverage: model.epnet == nil ? [] : domains.map { _ in [] },
      ppnetAverage: gated.isEmpty ? [] : domains.map { _ in [] },
      epnetHealth: GateHealth(), ppnetHealth: GateHealth())

    let batch = Batch(config: config, capacity: 0)
    // Rows of the sample, in order: (sample user k, catalog item).
    var rows: [(user: Int, item: Int)] = []
    for (k, items) in sample.items.enumerated() { for i in items { rows.append((k, i)) } }

    for d in only ?? Array(domains.indices) {
      var ep = model.epnet.map {
        GateSample(users: users, units: $0.gate.outputWidths[0], gamma: config.gamma)
      }
      var pp = (0..<config.taskCount).map { _ in
        widths.map { GateSample(users: users, units: $0, gamma: config.gamma) }
      }
      var start = 0
      while start < rows.count {
        let chunk = rows[start..<min(start + chunkRows, rows.count)]
        fill(batch, pipeline: pipeline, pairs: chunk, users: sample.users, domain: d)
        _ = model.forward(batch)
        for (r, pair) in chunk.enumerated() {
          if let epnet = model.epnet {
            let width = epnet.gate.outputWidths[0]
            ep?.add(
              user: pair.user, values: UnsafeBufferPointer(start: epnet.gateValues.row(r), count: width))
          }
          for t in 0..<config.taskCount {
            for (l, layer) in gated.enumerated() {
              let view = towers.gateView(task: t, layer: layer)
              pp[t][l].add(
                user: pair.user,
                values: UnsafeBufferPointer(start: view.data + r * view.stride, count: view.cols))
            }
          }
        }
        start += chunkRows
      }
      if let ep {
        result.epnet[d] = fieldNames.indices.map {
          ep.spread(units: ($0 * unitsPerField)..<(($0 + 1) * unitsPerField))
        }
        result.epnetAverage[d] = ep.averageGate
        result.epnetHealth = result.epnetHealth + ep.fullHealth
      }
      if !gated.isEmpty {
        result.ppnet[d] = pp.map { task in task.map { $0.spread(units: 0..<$0.units) } }
        result.ppnetAverage[d] = pp.map { task in task.map(\.averageGate) }
        result.ppnetHealth = pp.joined().reduce(result.ppnetHealth) { $0 + $1.fullHealth }
      }
    }
    return result
  }

  /// The statistics of a bundle's model; nil for a model without gates.
  public static func compute(bundle: ModelBundle, sample: PopulationSample, only: [Int]? = nil)
    -> PopulationGates?
  {
    guard let model = bundle.model as? PEPNet else { return nil }
    return compute(
      model: model, pipeline: bundle.pipeline, domains: bundle.manifest.domains, tasks: bundle.manifest.tasks,
      sample: sample, only: only)
  }

  /// The default sample for a bundle's catalog, with `users` users and `seed`.
  public static func sample(
    for bundle: ModelBundle, users: Int = PopulationSample.defaultUsers,
    seed: UInt64 = PopulationSample.defaultSeed
  ) -> PopulationSample {
    PopulationSample(
      userCount: bundle.pipeline.users.count, itemCount: bundle.pipeline.items.count, users: users, seed: seed
    )
  }

  private static func fill(
    _ batch: Batch, pipeline: FeaturePipeline, pairs: ArraySlice<(user: Int, item: Int)>, users: [Int],
    domain: Int
  ) {
    batch.resize(count: pairs.count)
    let g = batch.generalIdWidth
    let s = batch.domainSideFieldCount
    batch.generalIds.withUnsafeMutableBufferPointer { gp in
      batch.domainSideIds.withUnsafeMutableBufferPointer { sp in
        for (r, pair) in pairs.enumerated() {
          pipeline.encode(
            user: users[pair.user], item: pair.item, domain: domain, general: gp.baseAddress! + r * g,
            domainSide: sp.baseAddress! + r * s)
        }
      }
    }
    for (r, pair) in pairs.enumerated() {
      batch.domains[r] = Int32(domain)
      batch.users[r] = Int32(users[pair.user])
    }
  }
}
