import Foundation
import PepnetNumerics
import Testing

@testable import PepnetModel

/// `--gate-lr` (issue 16): the Gate NU parameters of EPNet and PPNet take Adam steps of the gate
/// learning rate, every other dense parameter of the learning rate.
@Suite struct GateLearningRateTests {
  @Test func gateParametersStepAtTheGateLearningRate() throws {
    let config = ModelConfig(
      fields: [
        FieldSpec(name: "user", vocabularySize: 5, role: .general, isPrior: true),
        FieldSpec(name: "item", vocabularySize: 5, role: .general),
        FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
      ],
      tasks: ["click"], embeddingDim: 4, tower: [6], epnetGateHidden: 3, ppnetGateHidden: 3)
    let model = PEPNet(config: config, seed: 1)
    let before = model.parameters.map {
      Array(UnsafeBufferPointer(start: $0.value.data, count: $0.value.count))
    }
    let optimizer = Optimizer(
      model: model, settings: OptimizerSettings(learningRate: 1e-3, gateLearningRate: 1e-2))
    // Adam's first step moves every element with a non-zero gradient by the step size.
    for p in model.parameters { for i in 0..<p.grad.count { p.grad.data[i] = 0.5 } }
    optimizer.step()
    var gates = 0
    for (k, p) in model.parameters.enumerated() {
      let expected: Float = Optimizer.isGateParameter(p.name) ? 1e-2 : 1e-3
      if Optimizer.isGateParameter(p.name) { gates += 1 }
      for i in 0..<p.value.count {
        #expect(abs((before[k][i] - p.value.data[i]) - expected) < expected * 1e-3, "\(p.name)")
      }
    }
    #expect(gates >= 4, "EPNet and PPNet each have a hidden and an output layer (weight and bias)")
  }

  /// Bundles and checkpoints written before the option decode with the learning rate.
  @Test func settingsWithoutAGateRateDecodeWithTheLearningRate() throws {
    let text =
      #"{"learningRate":0.002,"embeddingLearningRate":0.001,"beta1":0.9,"beta2":0.999,"epsilon":1e-8,"#
      + #""l2":0,"clipNorm":0,"embeddingRule":"lazy-adam"}"#
    let json = Data(text.utf8)
    let settings = try JSONDecoder().decode(OptimizerSettings.self, from: json)
    #expect(settings.gateLearningRate == 0.002 && settings.embeddingLearningRate == 0.001)
    #expect(OptimizerSettings(learningRate: 3e-3).gateLearningRate == 3e-3)
  }
}
