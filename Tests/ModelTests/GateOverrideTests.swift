import Foundation
import PepnetModel
import PepnetNumerics
import Testing

/// `PEPNet.gateOverride`, the hook behind average-gate rankings: substituting a model's own gates
/// changes nothing, bit for bit, and substituting constant gates gives what a model whose gate
/// networks output those constants (set by hand in their weights) computes.
@Suite struct GateOverrideTests {
  static let fields = [
    FieldSpec(name: "user", vocabularySize: 40, role: .general, isPrior: true),
    FieldSpec(name: "item", vocabularySize: 60, role: .general, isPrior: true),
    FieldSpec(name: "context", vocabularySize: 5, role: .general),
    FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
  ]

  /// The paper's options and each alternative.
  static let configs: [ModelConfig] = [
    ModelConfig(
      fields: fields, tasks: ["like", "follow"], embeddingDim: 4, tower: [8, 4], epnetGateHidden: 6,
      ppnetGateHidden: 6),
    ModelConfig(
      fields: fields, tasks: ["like", "follow"], embeddingDim: 4, tower: [8, 4], epnetGateHidden: 6,
      ppnetGateHidden: 6, epnetGranularity: .fieldwise, ppnetPlacement: .post, ppnetTaskGating: .perTask,
      ppnetGateFinalLayer: false),
  ]

  /// The gates of row `r` of the last forward, as an override.
  func ownGates(_ model: PEPNet, row r: Int) -> GateOverride {
    let ep = model.epnet!
    let epnet = (0..<ep.gate.outputWidths[0]).map { ep.gateValues[r, $0] }
    let towers = model.ppnet
    let ppnet = (0..<towers.taskCount).map { t in
      (0..<towers.layerCount).filter { towers.isGated(layer: $0) }.map { l in
        let view = towers.gateView(task: t, layer: l)
        return (0..<view.cols).map { view[r, $0] }
      }
    }
    return GateOverride(epnet: epnet, ppnet: ppnet)
  }

  func logits(_ model: PEPNet, _ batch: Batch) -> [Float] {
    let m = model.forward(batch)
    return (0..<batch.count).flatMap { r in (0..<batch.taskCount).map { m[r, $0] } }
  }

  @Test(arguments: configs.indices)
  func overridingWithTheModelsOwnGatesIsBitIdentical(_ c: Int) {
    let config = Self.configs[c]
    let model = ModelFactory.make(config: config, seed: 5) as! PEPNet
    var rng = SeededRNG(seed: 9)
    for _ in 0..<10 {
      let batch = Batch.random(config: config, count: 1, positiveRate: 0, rng: &rng)
      let own = logits(model, batch)
      model.gateOverride = ownGates(model, row: 0)
      let overridden = logits(model, batch)
      model.gateOverride = nil
      #expect(own.map(\.bitPattern) == overridden.map(\.bitPattern))
    }
  }

  @Test(arguments: configs.indices)
  func constantGatesEqualGateNetworksSetByHand(_ c: Int) {
    let config = Self.configs[c]
    let model = ModelFactory.make(config: config, seed: 5) as! PEPNet
    var rng = SeededRNG(seed: 11)
    let batch = Batch.random(config: config, count: 40, positiveRate: 0, rng: &rng)
    // Constant gates in (0, γ): some row's own gates, slightly changed so they are not anyone's.
    _ = model.forward(batch)
    var constant = ownGates(model, row: 3)
    constant.epnet = constant.epnet!.enumerated().map { k, v in min(1.9, v * (k % 2 == 0 ? 1.1 : 0.8)) }
    constant.ppnet = constant.ppnet!.map { $0.map { $0.map { min(1.9, $0 * 1.05) } } }

    model.gateOverride = constant
    let overridden = logits(model, batch)
    model.gateOverride = nil

    // By hand: each gate unit's output layer with zero weights and bias logit(value / γ), so
    // γ·sigmoid(bias) is the constant for every input.
    let gamma = config.gamma
    func setConstant(_ dense: Dense, column: Int, to value: Float) {
      for i in 0..<dense.inputs { dense.weight.value[i, column] = 0 }
      let p = value / gamma
      dense.bias.value[0, column] = Float(log(Double(p) / (1 - Double(p))))
    }
    let ep = model.epnet!
    for (k, v) in constant.epnet!.enumerated() { setConstant(ep.gate.outputs[0], column: k, to: v) }
    let towers = model.ppnet
    let gated = (0..<towers.layerCount).filter { towers.isGated(layer: $0) }
    for t in 0..<towers.taskCount {
      for l in gated.indices {
        let units = constant.ppnet![t][l]
        for (j, v) in units.enumerated() {
          switch towers.taskGating {
          case .sharedSplit: setConstant(towers.gate!.outputs[l], column: t * units.count + j, to: v)
          case .perTask: setConstant(towers.gate!.outputs[t * gated.count + l], column: j, to: v)
          }
        }
      }
    }
    let byHand = logits(model, batch)
    let worst = zip(overridden, byHand).map { abs($0 - $1) }.max()!
    #expect(worst < 1e-5, "largest logit difference \(worst)")
    #expect(Set(overridden).count > 40, "the rows still differ")
  }
}
