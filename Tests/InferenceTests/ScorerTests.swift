import Foundation
import PepnetInference
import PepnetModel
import PepnetNumerics
import Testing

/// The data-parallel scorer: shards on weight-sharing replicas give the probabilities one thread
/// computes on the whole batch (under ThreadSanitizer in CI, this is also its race check).
@Suite struct ScorerTests {
  let config = ModelConfig(
    fields: [
      FieldSpec(name: "user", vocabularySize: 50, role: .general, isPrior: true),
      FieldSpec(name: "item", vocabularySize: 80, role: .general, isPrior: true),
      FieldSpec(name: "context", vocabularySize: 5, role: .general),
      FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
    ],
    tasks: ["like", "follow", "hate"], embeddingDim: 4, tower: [16, 8], epnetGateHidden: 8, ppnetGateHidden: 8
  )

  @Test func shardedScoresMatchOneThreadAndTheLogits() {
    let model = ModelFactory.make(config: config, seed: 3)
    var rng = SeededRNG(seed: 4)
    // 300 rows: enough for two shards (the scorer splits from 64 rows per thread).
    let batch = Batch.random(config: config, count: 300, positiveRate: 0.3, rng: &rng)
    var serial: [Float] = []
    var parallel: [Float] = []
    Scorer(model: model, threads: 1).probabilities(batch, into: &serial)
    let sharded = Scorer(model: model, threads: 2)
    #expect(sharded.threads == 2)
    for _ in 0..<3 { sharded.probabilities(batch, into: &parallel) }
    #expect(parallel.count == 300 * 3)
    let worst = zip(serial, parallel).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-6, "largest difference \(worst)")
    let logits = model.forward(batch)
    var logitWorst: Float = 0
    for row in 0..<300 {
      for task in 0..<3 {
        let expected = 1 / (1 + (-logits[row, task]).exp)
        logitWorst = max(logitWorst, abs(serial[task * 300 + row] - expected))
      }
    }
    #expect(logitWorst <= 1e-6, "task-major sigmoid of the logits; largest difference \(logitWorst)")
    #expect(Set(serial).count > 100, "the scores are not all alike")
  }
}

extension Float {
  fileprivate var exp: Float { Float(Foundation.exp(Double(self))) }
}
