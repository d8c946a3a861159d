import PepnetNumerics
import Testing

@testable import PepnetModel

/// Data-parallel training (batch shards on replicas sharing the weights) must compute the same
/// updates as one thread on the whole batch, up to float summation order.
@Suite struct DataParallelTests {
  @Test(arguments: [Architecture.pepnet, .mmoe])
  func shardedStepsMatchSerialSteps(architecture: Architecture) {
    let config = smallConfig(architecture: architecture)
    let serial = ModelFactory.make(config: config, seed: 41)
    let parallel = ModelFactory.make(config: config, seed: 41)
    let settings = OptimizerSettings(learningRate: 1e-2, clipNorm: 5)
    let serialStep = TrainingStep(model: serial, optimizer: settings, threads: 1)
    let parallelStep = TrainingStep(model: parallel, optimizer: settings, threads: 2)
    #expect(parallelStep.threads == 2)
    var rng = SeededRNG(seed: 42)
    for _ in 0..<4 {
      let batch = randomBatch(config: config, count: 9, rng: &rng)
      let a = serialStep.train(on: batch)
      let b = parallelStep.train(on: batch)
      #expect(abs(a - b) < 1e-5 * max(1, abs(a)))
    }
    var worst: Float = 0
    for ((_, x), (_, y)) in zip(serial.namedTensors, parallel.namedTensors) {
      for i in 0..<x.count { worst = max(worst, abs(x.data[i] - y.data[i])) }
    }
    #expect(worst < 1e-5, "largest weight difference \(worst)")
    // Training moved the weights (the comparison is not between two untouched models).
    let fresh = ModelFactory.make(config: config, seed: 41)
    let moved = zip(fresh.namedTensors, serial.namedTensors).contains { a, b in
      (0..<a.value.count).contains { abs(a.value.data[$0] - b.value.data[$0]) > 1e-4 }
    }
    #expect(moved)
  }
}
