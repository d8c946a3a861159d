import PepnetNumerics
import Testing

@testable import PepnetModel

/// PEPNet learns a planted rule in which the label depends on a user-by-domain interaction.
///
/// Each user has a hidden sign s_u in {-1, +1}; each domain a weight c_d in {+1, -1, 0.6}; each item
/// a quality q_i. P(click) = sigmoid(2.5 s_u c_d + q_i - 0.5). Neither the user id nor the domain
/// alone predicts the label (both average out); only their combination does.
@Suite struct LearningTests {
  struct Planted {
    var userSign: [Float]
    var itemQuality: [Float]
    let domainWeight: [Float] = [1, -1, 0.6]
    func probability(user: Int, item: Int, domain: Int) -> Float {
      let z = 2.5 * userSign[user] * domainWeight[domain] + itemQuality[item] - 0.5
      return 1 / (1 + expf(-z))
    }
  }

  static let users = 60
  static let items = 40

  func config() -> ModelConfig {
    ModelConfig(
      fields: [
        FieldSpec(name: "user", vocabularySize: Self.users + 1, role: .general, isPrior: true),
        FieldSpec(name: "item", vocabularySize: Self.items + 1, role: .general, isPrior: true),
        FieldSpec(name: "domain", vocabularySize: 4, role: .domainSide),
      ],
      tasks: ["click"], embeddingDim: 8, tower: [32, 16], epnetGateHidden: 16, ppnetGateHidden: 16)
  }

  func sample(_ planted: Planted, count: Int, rng: inout SeededRNG) -> (Batch, [Float]) {
    let batch = Batch(capacity: count, generalFieldCount: 2, domainSideFieldCount: 1, taskCount: 1)
    var truth: [Float] = []
    for b in 0..<count {
      let u = rng.below(Self.users)
      let i = rng.below(Self.items)
      let d = rng.below(3)
      batch.generalIds[b * 2] = Int32(u + 1)
      batch.generalIds[b * 2 + 1] = Int32(i + 1)
      batch.domainSideIds[b] = Int32(d + 1)
      let p = planted.probability(user: u, item: i, domain: d)
      truth.append(p)
      batch.labels[b, 0] = rng.uniform() < p ? 1 : 0
    }
    return (batch, truth)
  }

  @Test func learnsAUserByDomainInteraction() {
    var rng = SeededRNG(seed: 7)
    let planted = Planted(
      userSign: (0..<Self.users).map { _ in rng.uniform() < 0.5 ? -1 : 1 },
      itemQuality: (0..<Self.items).map { _ in rng.normal() })
    let (train, _) = sample(planted, count: 24_000, rng: &rng)
    let (test, truth) = sample(planted, count: 6_000, rng: &rng)
    let model = PEPNet(config: config(), seed: 3)
    let step = TrainingStep(model: model, optimizer: OptimizerSettings(learningRate: 3e-3))
    let batchSize = 256
    let batch = Batch(capacity: batchSize, generalFieldCount: 2, domainSideFieldCount: 1, taskCount: 1)
    for _ in 0..<6 {
      var start = 0
      while start < train.count {
        let n = min(batchSize, train.count - start)
        batch.resize(count: n)
        for b in 0..<n {
          batch.generalIds[b * 2] = train.generalIds[(start + b) * 2]
          batch.generalIds[b * 2 + 1] = train.generalIds[(start + b) * 2 + 1]
          batch.domainSideIds[b] = train.domainSideIds[start + b]
          batch.labels[b, 0] = train.labels[start + b, 0]
        }
        step.train(on: batch)
        start += n
      }
    }
    let logits = model.forward(test)
    let scores = (0..<test.count).map { logits[$0, 0] }
    let labels = (0..<test.count).map { test.labels[$0, 0] }
    let auc = AUC.compute(scores: scores, labels: labels)!
    let oracle = AUC.compute(scores: truth, labels: labels)!
    // The best scorers blind to the interaction: the true probability averaged over domains (it
    // knows user and item) and averaged over users (it knows item and domain).
    let withoutDomain = (0..<test.count).map { b -> Float in
      let u = Int(test.generalIds[b * 2]) - 1
      let i = Int(test.generalIds[b * 2 + 1]) - 1
      return (0..<3).map { planted.probability(user: u, item: i, domain: $0) }.reduce(0, +)
    }
    let withoutUser = (0..<test.count).map { b -> Float in
      let i = Int(test.generalIds[b * 2 + 1]) - 1
      let d = Int(test.domainSideIds[b]) - 1
      return (0..<Self.users).map { planted.probability(user: $0, item: i, domain: d) }.reduce(0, +)
    }
    let blind = max(
      AUC.compute(scores: withoutDomain, labels: labels)!, AUC.compute(scores: withoutUser, labels: labels)!)
    print("planted problem: PEPNet AUC \(auc), oracle \(oracle), best interaction-blind \(blind)")
    #expect(oracle > blind + 0.1, "the planted problem must need the interaction")
    #expect(auc > oracle - 0.02, "PEPNet AUC \(auc) vs oracle \(oracle)")
    #expect(auc > blind + 0.08, "PEPNet AUC \(auc) vs best interaction-blind \(blind)")
  }
}

#if canImport(Glibc)
  import Glibc
#endif
