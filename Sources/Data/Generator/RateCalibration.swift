import PepnetNumerics

/// Sets each task's intercept so that the mean true probability over sampled impressions equals
/// the task's target rate (bisection on the intercept; the mean of a sigmoid is monotone in it).
enum RateCalibration {
  static func calibrate(world: inout SyntheticWorld, sampler: ImpressionSampler, samples: Int = 40_000) {
    var rng = SeededRNG(seed: world.config.seed ^ 0xC0FF_EE00_1234_5678)
    let t = world.taskCount
    var logits = [Double](repeating: 0, count: samples * t)
    logits.withUnsafeMutableBufferPointer { z in
      for s in 0..<samples {
        let imp = sampler.sample(&rng)
        world.logits(
          user: imp.user, item: imp.item, domain: imp.domain, hour: imp.hour, network: imp.network,
          into: z.baseAddress! + s * t)
      }
    }
    for task in 0..<t {
      let target = SyntheticVocabulary.targetRates[task]
      var lo = -20.0, hi = 10.0
      for _ in 0..<50 {
        let mid = (lo + hi) / 2
        var sum = 0.0
        for s in 0..<samples { sum += 1 / (1 + Foundation_exp(-(logits[s * t + task] + mid))) }
        if sum / Double(samples) > target { hi = mid } else { lo = mid }
      }
      world.taskBias[task] = (lo + hi) / 2
    }
  }
}
