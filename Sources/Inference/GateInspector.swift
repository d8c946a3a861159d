import PepnetData
import PepnetModel
import PepnetNumerics

/// The gate activations of one sample: EPNet's per general field, PPNet's per task and layer.
public struct GateActivations: Sendable, Equatable {
  public struct FieldActivation: Sendable, Equatable {
    public var field: String
    /// One value per embedding element (element-wise EPNet) or a single value (field-wise).
    public var values: [Float]
    public var mean: Float { values.reduce(0, +) / Float(Swift.max(values.count, 1)) }
    public var min: Float { values.min() ?? 0 }
    public var max: Float { values.max() ?? 0 }
  }

  /// Empty when the model has no EPNet.
  public var epnet: [FieldActivation]
  /// `ppnet[task][layer]` = gate per unit of that layer (input units for pre-gating, output units
  /// for post-gating); only gated layers appear. Empty when the model has no PPNet.
  public var ppnet: [[[Float]]]
  public var gamma: Float
}

/// Reads gate activations out of a PEPNet for (user, item, domain).
public final class GateInspector {
  public let bundle: ModelBundle
  private let batch: Batch

  public init(bundle: ModelBundle) {
    self.bundle = bundle
    let config = bundle.model.config
    batch = Batch(config: config, capacity: 1)
  }

  /// Nil for models without gates (the baselines).
  public var pepnet: PEPNet? { bundle.model as? PEPNet }

  /// `overrides` (a what-if) replaces profile or context features first.
  public func gates(
    user: Int, item: Int, domain: Int, overrides: FeatureOverrides = FeatureOverrides()
  ) -> GateActivations? {
    bundle.pipeline.fillRanking(batch, user: user, items: [item], domain: domain)
    overrides.apply(to: batch)
    return gates(of: batch).first
  }

  /// Gate activations of every row of `batch`.
  public func gates(of batch: Batch) -> [GateActivations] {
    guard let model = pepnet else { return [] }
    _ = model.forward(batch)
    let config = model.config
    let fields = config.generalFields
    let d = config.embeddingDim
    var result: [GateActivations] = []
    for r in 0..<batch.count {
      var epnet: [GateActivations.FieldActivation] = []
      if let ep = model.epnet {
        let row = ep.gateValues.row(r)
        for (f, field) in fields.enumerated() {
          let values =
            ep.granularity == .elementwise
            ? Array(UnsafeBufferPointer(start: row + f * d, count: d)) : [row[f]]
          epnet.append(.init(field: field.name, values: values))
        }
      }
      var ppnet: [[[Float]]] = []
      let towers = model.ppnet
      if towers.gate != nil {
        for t in 0..<config.taskCount {
          var layers: [[Float]] = []
          for l in 0..<towers.layerCount where towers.isGated(layer: l) {
            let view = towers.gateView(task: t, layer: l)
            layers.append((0..<view.cols).map { view[r, $0] })
          }
          ppnet.append(layers)
        }
      }
      result.append(GateActivations(epnet: epnet, ppnet: ppnet, gamma: config.gamma))
    }
    return result
  }

  /// Mean EPNet gate per general field over `samples` random (user, item) pairs shown in `domain`
  /// (the reference for "amplified or damped relative to the domain").
  public func averageEPNetGates(domain: Int, samples: Int = 512, seed: UInt64 = 7) -> [Float] {
    guard let model = pepnet, model.epnet != nil else { return [] }
    let pipeline = bundle.pipeline
    var rng = SeededRNG(seed: seed &+ UInt64(domain))
    let probe = Batch(config: bundle.model.config, capacity: 0)
    probe.resize(count: samples)
    let g = batch.generalIdWidth
    let s = batch.domainSideFieldCount
    probe.generalIds.withUnsafeMutableBufferPointer { gp in
      probe.domainSideIds.withUnsafeMutableBufferPointer { sp in
        for r in 0..<samples {
          pipeline.encode(
            user: rng.below(pipeline.users.count), item: rng.below(pipeline.items.count), domain: domain,
            general: gp.baseAddress! + r * g, domainSide: sp.baseAddress! + r * s)
        }
      }
    }
    let all = gates(of: probe)
    let fieldCount = model.config.generalFields.count
    var sums = [Float](repeating: 0, count: fieldCount)
    for a in all { for f in 0..<fieldCount { sums[f] += a.epnet[f].mean } }
    return sums.map { $0 / Float(max(all.count, 1)) }
  }
}
