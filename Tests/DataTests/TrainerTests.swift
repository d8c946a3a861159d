import Foundation
import PepnetModel
import Testing

@testable import PepnetData

/// The training loop: deterministic for a seed and thread count, and a non-finite loss stops it
/// with the step where it happened.
@Suite struct TrainerTests {
  func setUp(_ dir: TempDir) throws -> (FeaturePipeline, EncodedDataset, EncodedDataset, ModelConfig) {
    let dataset = Fixture.write(to: dir)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let train = try EncodedDataset(dataset: dataset, split: .train, pipeline: pipeline)
    let valid = try EncodedDataset(dataset: dataset, split: .valid, pipeline: pipeline)
    let config = ModelConfig(
      fields: pipeline.fields, tasks: pipeline.tasks, embeddingDim: 4, tower: [8], epnetGateHidden: 4,
      ppnetGateHidden: 4)
    return (pipeline, train, valid, config)
  }

  @Test func sameSeedAndThreadsGiveTheSameWeightsAndMetrics() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (pipeline, train, valid, config) = try setUp(dir)
    var runs: [([Float], Double)] = []
    for _ in 0..<2 {
      let model = ModelFactory.make(config: config, seed: 5)
      let trainer = Trainer(
        model: model, train: train, valid: valid,
        options: TrainOptions(epochs: 3, batchSize: 2, seed: 9, threads: 2, patience: 5),
        domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
      let result = try trainer.run()
      runs.append((model.namedTensors.flatMap { $0.value.toArray() }, result.epochs.last!.trainLoss))
    }
    #expect(runs[0].0 == runs[1].0)
    #expect(runs[0].1 == runs[1].1)
  }

  @Test func nonFiniteLossIsReportedWithItsStep() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (pipeline, train, valid, config) = try setUp(dir)
    let model = ModelFactory.make(config: config, seed: 5)
    let weight = model.parameters.first { $0.name == "tower0.layer1.bias" }!
    weight.value.data[0] = .infinity
    let trainer = Trainer(
      model: model, train: train, valid: valid, options: TrainOptions(epochs: 2, batchSize: 2, threads: 1),
      domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
    #expect {
      try trainer.run()
    } throws: { error in
      guard let e = error as? NonFiniteLossError else { return false }
      return e.epoch == 1 && e.step == 1 && "\(e)".hasPrefix("training diverged: loss is")
    }
  }
}
