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
    let width = config.generalIdWidth
    for b in 0..<count {
      var slot = b * width
      for spec in general {
        // A multi-valued field gets 1...maxValues values, then padding.
        let values = spec.maxValues.map { 1 + rng.below($0) } ?? 1
        for k in 0..<spec.slots {
          batch.generalIds[slot + k] = k < values ? Int32(rng.below(spec.vocabularySize)) : -1
        }
        slot += spec.slots
      }
      for (f, spec) in domainSide.enumerated() {
        batch.domainSideIds[b * domainSide.count + f] = Int32(rng.below(spec.vocabularySize))
      }
      for t in 0..<config.taskCount { batch.labels[b, t] = rng.uniform() < positiveRate ? 1 : 0 }
    }
    return batch
  }
}
