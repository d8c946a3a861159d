import Foundation
import PepnetNumerics
import Testing

@testable import PepnetModel

/// Issue 16's gate recipes: `--gate-init zero` (every gate starts at exactly gamma / 2 and then
/// learns) and `--gate-l2` (L2 on the Gate NU parameters alone).
@Suite struct GateRecipeTests {
  static let fields = [
    FieldSpec(name: "user", vocabularySize: 20, role: .general, isPrior: true),
    FieldSpec(name: "item", vocabularySize: 30, role: .general, isPrior: true),
    FieldSpec(name: "context", vocabularySize: 5, role: .general),
    FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
  ]

  static func config(gamma: Float = 2, gating: PPNetTaskGating = .sharedSplit) -> ModelConfig {
    ModelConfig(
      fields: fields, tasks: ["like", "follow"], embeddingDim: 4, tower: [8, 4], epnetGateHidden: 5,
      ppnetGateHidden: 6, gamma: gamma, ppnetTaskGating: gating)
  }

  /// Every EPNet and PPNet gate value of the last forward.
  func gates(_ model: PEPNet) -> [Float] {
    let ep = model.epnet!.gateValues
    var values = (0..<ep.rows).flatMap { r in (0..<ep.cols).map { ep[r, $0] } }
    for t in 0..<model.ppnet.taskCount {
      for l in 0..<model.ppnet.layerCount where model.ppnet.isGated(layer: l) {
        let view = model.ppnet.gateView(task: t, layer: l)
        values += (0..<view.rows).flatMap { r in (0..<view.cols).map { view[r, $0] } }
      }
    }
    return values
  }

  @Test(arguments: [(Float(2), PPNetTaskGating.sharedSplit), (3, .perTask)])
  func zeroInitialisedGatesStartAtHalfGammaAndLearn(_ gamma: Float, _ gating: PPNetTaskGating) {
    let config = Self.config(gamma: gamma, gating: gating)
    var rng = SeededRNG(seed: 4)
    let batch = Batch.random(config: config, count: 16, positiveRate: 0.3, rng: &rng)
    let uniform = ModelFactory.make(config: config, seed: 7) as! PEPNet
    _ = uniform.forward(batch)
    #expect(gates(uniform).contains { $0 != gamma / 2 }, "the uniform start is not exactly neutral")
    let model = ModelFactory.make(config: config, seed: 7) as! PEPNet
    model.initialiseGates(.zero)
    _ = model.forward(batch)
    let start = gates(model)
    #expect(start.count > 100 && start.allSatisfy { $0 == gamma / 2 })
    // The hidden layers keep their start, so the output layers get a gradient and the gates move.
    let step = TrainingStep(model: model, optimizer: OptimizerSettings(learningRate: 1e-2))
    for _ in 0..<3 { _ = step.train(on: batch) }
    _ = model.forward(batch)
    #expect(gates(model).filter { abs($0 - gamma / 2) > 1e-4 }.count > start.count / 2)
  }

  @Test func uniformGateInitChangesNothing() {
    let config = Self.config()
    let a = ModelFactory.make(config: config, seed: 3) as! PEPNet
    let b = ModelFactory.make(config: config, seed: 3) as! PEPNet
    b.initialiseGates(.uniform)
    for (p, q) in zip(a.parameters, b.parameters) {
      #expect(
        Array(UnsafeBufferPointer(start: p.value.data, count: p.value.count))
          == Array(UnsafeBufferPointer(start: q.value.data, count: q.value.count)), "\(p.name)")
    }
  }

  /// With no loss gradient, Adam's first step moves a parameter with L2 by the learning rate
  /// against its sign, one without L2 not at all: `--gate-l2` reaches the gates only, `--l2`
  /// everything else.
  @Test func gateL2ReachesTheGateParametersOnly() {
    let model = ModelFactory.make(config: Self.config(), seed: 2) as! PEPNet
    let lr: Float = 1e-3
    let optimizer = Optimizer(
      model: model, settings: OptimizerSettings(learningRate: lr, l2: 0, gateL2: 0.5))
    let before = model.parameters.map {
      Array(UnsafeBufferPointer(start: $0.value.data, count: $0.value.count))
    }
    optimizer.step()
    var gateValues = 0
    for (k, p) in model.parameters.enumerated() {
      let isGate = Optimizer.isGateParameter(p.name)
      // Away from 0, where Adam's epsilon would matter against a tiny gradient.
      for i in 0..<p.value.count where abs(before[k][i]) > 1e-3 {
        let moved = before[k][i] - p.value.data[i]
        if isGate {
          gateValues += 1
          #expect(abs(moved - lr * (before[k][i] > 0 ? 1 : -1)) < lr * 1e-3, "\(p.name)")
        } else {
          #expect(moved == 0, "\(p.name)")
        }
      }
    }
    #expect(gateValues > 100)
    let defaults = OptimizerSettings(learningRate: 1e-3, l2: 0.25)
    #expect(defaults.gateL2 == 0.25, "--gate-l2 defaults to --l2")
  }

  /// Bundles and checkpoints written before the option decode with `gateL2 = l2`.
  @Test func settingsWithoutAGateL2DecodeWithTheL2() throws {
    let text =
      #"{"learningRate":0.002,"embeddingLearningRate":0.002,"beta1":0.9,"beta2":0.999,"epsilon":1e-8,"#
      + #""l2":0.001,"clipNorm":0,"embeddingRule":"lazy-adam"}"#
    let settings = try JSONDecoder().decode(OptimizerSettings.self, from: Data(text.utf8))
    #expect(settings.gateL2 == 0.001)
  }
}
