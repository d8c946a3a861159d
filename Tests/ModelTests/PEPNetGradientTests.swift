import PepnetNumerics
import Testing

@testable import PepnetModel

/// Whole-model finite-difference checks: every dense parameter and every embedding entry.
@Suite struct PEPNetGradientTests {
  static let variants: [(String, ModelConfig)] = [
    ("paper default", smallConfig()),
    ("field-wise EPNet", smallConfig(granularity: .fieldwise)),
    ("per-task gates", smallConfig(gating: .perTask)),
    ("post-gating", smallConfig(placement: .post)),
    (
      "post-gating, per task, final ungated",
      smallConfig(placement: .post, gating: .perTask, gateFinal: false)
    ),
    ("final layer ungated", smallConfig(gateFinal: false)),
    ("epnet-only", smallConfig(architecture: .epnetOnly)),
    ("ppnet-only", smallConfig(architecture: .ppnetOnly)),
  ]

  @Test(arguments: 0..<variants.count)
  func stopGradientModelMatchesFiniteDifferencesWithFrozenStopGradientInputs(index: Int) {
    let (label, config) = Self.variants[index]
    let model = PEPNet(config: config, seed: 11)
    let bad = frozenStopGradientMismatches(model)
    #expect(bad.isEmpty, "\(label): \(bad.count) mismatches, first \(bad.prefix(4))")
  }

  @Test func noStopGradientModelMatchesPlainFiniteDifferences() {
    let config = smallConfig(architecture: .pepnetNoStopGradient)
    let model = PEPNet(config: config, seed: 11)
    #expect(model.config.stopGradient == false)
    var rng = SeededRNG(seed: 12)
    let batch = randomBatch(config: config, count: 7, rng: &rng)
    let bad = checkWholeModel(model, batch: batch, taskWeights: [1, 0.7])
    #expect(bad.isEmpty, "\(bad.count) mismatches, first \(bad.prefix(4))")
  }

  /// With the stop-gradients the general embeddings receive no gradient through a gate's input:
  /// unfrozen finite differences (the true gradient) must then disagree with back-propagation for
  /// the general embeddings, while the two variants agree on everything the stop-gradient does not
  /// touch (same forward, same tower and PPNet gradients).
  @Test func stopGradientsStopAndAreTheOnlyDifference() {
    let withStop = PEPNet(config: smallConfig(), seed: 21)
    let without = PEPNet(config: smallConfig(architecture: .pepnetNoStopGradient), seed: 21)
    var rng = SeededRNG(seed: 22)
    let batch = randomBatch(config: withStop.config, count: 7, rng: &rng)
    let loss = MultiTaskLoss(taskWeights: [1, 1])
    var grads: [[String: [Float]]] = []
    var logits: [[Float]] = []
    for model in [withStop, without] {
      let g = Matrix(rows: 0, cols: 2)
      let out = model.forward(batch)
      logits.append(out.toArray())
      loss.evaluate(logits: out, labels: batch.labels, mask: batch.labelMask, gradient: g)
      model.backward(batch, logitGradient: g)
      var named: [String: [Float]] = [:]
      for p in model.parameters { named[p.name] = p.grad.toArray() }
      for t in model.embeddingTables {
        named[t.name] = (0..<t.vocabularySize).flatMap { t.gradient(row: $0) }
      }
      grads.append(named)
    }
    #expect(logits[0] == logits[1])
    var differing: Set<String> = []
    for (name, a) in grads[0] {
      let b = grads[1][name]!
      if zip(a, b).contains(where: { abs($0 - $1) > 1e-6 * max(1, abs($0)) }) { differing.insert(name) }
    }
    // Only the gradients upstream of a stopped path may differ: general embeddings (E feeds both
    // gates), EPNet's gate and the domain-side embeddings (O_ep feeds PPNet's gate).
    let allowed: Set<String> = [
      "embedding.user", "embedding.item", "embedding.context", "embedding.author", "embedding.domain",
      "embedding.user_domain_stat", "epnet.gate.hidden.weight", "epnet.gate.hidden.bias",
      "epnet.gate.out0.weight", "epnet.gate.out0.bias",
    ]
    #expect(differing.isSubset(of: allowed), "unexpected differences: \(differing.subtracting(allowed))")
    // And they really do differ for the general embeddings, which is the point of the stop-gradient.
    #expect(differing.contains("embedding.context"))
    // The stopped model's general-embedding gradient is not the true gradient.
    let mismatches = checkWholeModel(withStop, batch: batch, taskWeights: [1, 1])
    #expect(mismatches.contains { $0.name == "embedding.context" })
  }
}
