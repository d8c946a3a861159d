import Foundation
import PepnetModel
import Testing

@testable import PepnetData
@testable import PepnetTraining

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
      let result = try trainer.trainEpochs()
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
      try trainer.trainEpochs()
    } throws: { error in
      guard let e = error as? NonFiniteLossError else { return false }
      return e.epoch == 1 && e.step == 1 && "\(e)".hasPrefix("training diverged: loss is")
    }
  }

  /// Stops a run by throwing from the epoch callback, as a crash after the checkpoint would.
  struct Interrupted: Error {}

  @Test func resumingFromACheckpointGivesTheSameWeightsAsAnUninterruptedRun() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (pipeline, train, valid, config) = try setUp(dir)
    let checkpoint = dir.url.path + "/run.checkpoint"
    func trainer(resume: CheckpointState?) -> Trainer {
      Trainer(
        model: ModelFactory.make(config: config, seed: 5), train: train, valid: valid,
        options: TrainOptions(
          epochs: 4, batchSize: 2, seed: 9, threads: 2, patience: 9, learningRateDecay: 0.8,
          checkpointPath: checkpoint, resume: resume),
        domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
    }
    let straight = trainer(resume: nil)
    let straightResult = try straight.trainEpochs()

    let interrupted = trainer(resume: nil)
    #expect(throws: Interrupted.self) {
      try interrupted.trainEpochs(epochDone: { if $0.epoch == 2 { throw Interrupted() } })
    }
    let state = try TrainingCheckpoint.readState(at: checkpoint)
    #expect(state.epochsDone == 2)
    // checkpoint.json is read once per run (issue 12, item 2): the trainer resumes from the state
    // it is given, so it resumes with that file gone (it read the file a second time before).
    try FileManager.default.removeItem(atPath: checkpoint + "/" + TrainingCheckpoint.stateFile)
    let resumed = trainer(resume: state)
    let resumedResult = try resumed.trainEpochs()

    #expect(resumedResult.epochs.map(\.epoch) == [1, 2, 3, 4])
    func withoutTimes(_ epochs: [EpochSummary]) -> [EpochSummary] {
      epochs.map {
        var e = $0; e.seconds = 0; return e
      }
    }
    #expect(withoutTimes(resumedResult.epochs) == withoutTimes(straightResult.epochs))
    #expect(resumedResult.bestEpoch == straightResult.bestEpoch)
    let a = straight.model.namedTensors.flatMap { $0.value.toArray() }
    let b = resumed.model.namedTensors.flatMap { $0.value.toArray() }
    #expect(a == b)
  }

  @Test func aCheckpointIsNotResumedWithOtherSettings() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let (pipeline, train, valid, config) = try setUp(dir)
    let checkpoint = dir.url.path + "/run.checkpoint"
    let first = Trainer(
      model: ModelFactory.make(config: config, seed: 5), train: train, valid: valid,
      options: TrainOptions(epochs: 1, batchSize: 2, seed: 9, threads: 1, checkpointPath: checkpoint),
      domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
    _ = try first.trainEpochs()
    let state = try TrainingCheckpoint.readState(at: checkpoint)
    func resuming(_ config: ModelConfig, batchSize: Int) -> Trainer {
      Trainer(
        model: ModelFactory.make(config: config, seed: 5), train: train, valid: valid,
        options: TrainOptions(
          epochs: 2, batchSize: batchSize, seed: 9, threads: 1, checkpointPath: checkpoint, resume: state),
        domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
    }
    #expect {
      try resuming(config, batchSize: 4).trainEpochs()
    } throws: { error in
      (error as? FileError)?.path == checkpoint
        && "\(error)"
          == "\(checkpoint): made with other training settings (batch size: 2 in the checkpoint, 4 now);"
          + " resume with the same options"
    }
    var wider = config
    wider.tower = [16]
    #expect {
      try resuming(wider, batchSize: 2).trainEpochs()
    } throws: { error in
      "\(error)".hasPrefix(
        "\(checkpoint): made with other model options (tower: [8] in the checkpoint, [16] now)")
    }
    // Other data: a field's vocabulary (the data had other ids) is named in a few words, not as
    // the whole field list.
    var moreUsers = config
    moreUsers.fields[0].vocabularySize += 5
    #expect {
      try resuming(moreUsers, batchSize: 2).trainEpochs()
    } throws: { error in
      "\(error)"
        == "\(checkpoint): made from other data (field '\(config.fields[0].name)':"
        + " \(config.fields[0].vocabularySize) values in the checkpoint, \(config.fields[0].vocabularySize + 5) now);"
        + " resume with the same data"
    }
    #expect {
      try TrainingCheckpoint.readState(at: dir.url.path + "/none")
    } throws: { error in
      "\(error)".hasSuffix("none: no checkpoint to resume from (pepnet train writes one after each epoch)")
    }
  }
  /// Every resumable setting is compared, under a readable name: Adam's beta1, beta2 and epsilon
  /// fell through to "optimiser settings differ" when the comparison listed settings by hand
  /// (issue 12, item 7).
  @Test func everyResumableSettingIsNamedWhenItDiffers() {
    let saved = ResumableSettings(
      batchSize: 2, optimizer: OptimizerSettings(learningRate: 2e-3), seed: 9, threads: 1, taskWeights: nil,
      learningRateDecay: 1, trainImpressions: 6, validImpressions: 4, precision: .fp32)
    #expect(saved.firstDifference(from: saved) == nil)
    func changed(_ change: (inout ResumableSettings) -> Void) -> String? {
      var other = saved
      change(&other)
      return saved.firstDifference(from: other)
    }
    #expect(changed { $0.optimizer.beta1 = 0.8 } == "Adam beta1: 0.9 in the checkpoint, 0.8 now")
    #expect(changed { $0.optimizer.beta2 = 0.99 } == "Adam beta2: 0.999 in the checkpoint, 0.99 now")
    #expect(changed { $0.optimizer.epsilon = 1e-6 } == "Adam epsilon: 1e-08 in the checkpoint, 1e-06 now")
    #expect(
      changed { $0.optimizer.learningRate = 1e-3 } == "learning rate: 0.002 in the checkpoint, 0.001 now")
    #expect(changed { $0.taskWeights = [1, 2] } == "task weights: none in the checkpoint, [1,2] now")
    #expect(
      changed { $0.optimizer.embeddingRule = .adagrad }
        == "embedding optimiser: lazy-adam in the checkpoint, adagrad now")
  }

  /// After a run the checkpoint is removed file by file: a file pepnet did not write (put there
  /// during the run) survives with its folder; without one the folder goes too.
  @Test func removingACheckpointKeepsFilesPepnetDidNotWrite() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.url.path + "/run.checkpoint"
    for keep in [true, false] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      for file in TrainingCheckpoint.files {
        try Data("x".utf8).write(to: URL(fileURLWithPath: path + "/" + file))
      }
      if keep { try Data("mine".utf8).write(to: URL(fileURLWithPath: path + "/notes.txt")) }
      #expect(TrainingCheckpoint.remove(at: path) == !keep)
      let left = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      #expect(left == (keep ? ["notes.txt"] : []))
      #expect(FileManager.default.fileExists(atPath: path) == keep)
      try? FileManager.default.removeItem(atPath: path)
    }
  }
}
