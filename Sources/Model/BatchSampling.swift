import PepnetNumerics

extension Batch {
  /// A batch of uniformly random ids for `config`'s fields, each label positive with probability
  /// `positiveRate`: the input of benchmarks and gradient checks.
  public static func random(
    config: ModelConfig, count: Int, positiveRate: Float, rng: inout SeededRNG
  ) -> Batch {
    let general = config.generalFields
    let domainSide = config.domainSideFields
    let batch = Batch(config: config, capacity: count)
    for b in 0..<count {
      for (f, spec) in general.enumerated() {
        batch.generalIds[b * general.count + f] = Int32(rng.below(spec.vocabularySize))
      }
      for (f, spec) in domainSide.enumerated() {
        batch.domainSideIds[b * domainSide.count + f] = Int32(rng.below(spec.vocabularySize))
      }
      for t in 0..<config.taskCount { batch.labels[b, t] = rng.uniform() < positiveRate ? 1 : 0 }
    }
    return batch
  }
}
