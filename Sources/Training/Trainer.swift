import Foundation
import PepnetData
import PepnetModel
import PepnetNumerics

/// How to train: epochs, batch, optimiser, threads, early stopping, checkpoints.
public struct TrainOptions: Sendable {
  public var epochs: Int
  public var batchSize: Int
  public var optimizer: OptimizerSettings
  public var seed: UInt64
  public var threads: Int
  /// Stop after this many epochs without a better validation score.
  public var patience: Int
  public var taskWeights: [Float]?
  /// Both learning rates are multiplied by this after every epoch (1: constant).
  public var learningRateDecay: Float
  /// Where to write a checkpoint after every epoch (nil: none).
  public var checkpointPath: String?
  /// The state of the checkpoint at `checkpointPath` to continue from, read once by whoever
  /// checked the run's outputs (`TrainingCheckpoint.readState`); nil starts afresh.
  public var resume: CheckpointState?
  /// The arithmetic of the training GEMMs, already resolved for this CPU (see `TrainingStep`).
  public var precision: Precision
  /// How the Gate NU output layers start (`TrainingRun` applies it to a new model).
  public var gateInit: GateInit

  public init(
    epochs: Int = 10, batchSize: Int = 512,
    optimizer: OptimizerSettings = OptimizerSettings(learningRate: 2e-3),
    seed: UInt64 = 1, threads: Int = 2, patience: Int = 2, taskWeights: [Float]? = nil,
    learningRateDecay: Float = 1, checkpointPath: String? = nil, resume: CheckpointState? = nil,
    precision: Precision = .fp32, gateInit: GateInit = .uniform
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.seed = seed
    self.threads = threads
    self.patience = patience
    self.taskWeights = taskWeights
    self.learningRateDecay = learningRateDecay
    self.checkpointPath = checkpointPath
    self.resume = resume
    self.precision = precision
    self.gateInit = gateInit
  }
}

/// Progress reported while training, for a progress bar or periodic log lines.
public struct TrainingProgress: Sendable {
  public var epoch: Int
  public var epochs: Int
  public var samplesDone: Int
  public var samplesPerEpoch: Int
  public var samplesPerSecond: Double
  /// Mean loss over the epoch so far.
  public var loss: Double
  public var secondsRemainingInEpoch: Double
}

/// One epoch's outcome.
public struct EpochSummary: Codable, Sendable, Equatable {
  public var epoch: Int
  public var trainLoss: Double
  public var validation: EvaluationReport?
  public var seconds: Double
  public var improved: Bool
}

/// What a finished training run reports.
public struct TrainingResult: Sendable {
  public var epochs: [EpochSummary]
  public var bestEpoch: Int
  public var samplesPerSecond: Double
  public var seconds: Double
  public var times: PhaseTimes
}

/// A NaN or infinite loss: training cannot go on from there.
public struct NonFiniteLossError: Error, CustomStringConvertible {
  public var epoch: Int
  public var step: Int
  public var loss: Double
  public var description: String {
    "training diverged: loss is \(loss) at epoch \(epoch), step \(step); try a lower --lr or --clip-norm"
  }
}

/// Mini-batch training with per-epoch validation, early stopping, and the best epoch's weights
/// restored at the end. Deterministic for a given seed and thread count, including across a
/// checkpoint and `resume`: each epoch's shuffle depends only on the seed and the epoch number.
public final class Trainer {
  public let model: RecommenderModel
  public let train: EncodedDataset
  public let valid: EncodedDataset?
  public let options: TrainOptions
  public let domainNames: [String]
  public let taskNames: [String]

  public init(
    model: RecommenderModel, train: EncodedDataset, valid: EncodedDataset?, options: TrainOptions,
    domainNames: [String], taskNames: [String]
  ) {
    self.model = model
    self.train = train
    self.valid = valid
    self.options = options
    self.domainNames = domainNames
    self.taskNames = taskNames
  }

  /// The settings a checkpoint of this run records, and that must match to resume it.
  public var resumableSettings: ResumableSettings {
    ResumableSettings(
      batchSize: options.batchSize, optimizer: options.optimizer, seed: options.seed,
      threads: max(1, options.threads),
      taskWeights: options.taskWeights, learningRateDecay: options.learningRateDecay,
      trainImpressions: train.count,
      validImpressions: valid?.count ?? 0, precision: options.precision)
  }

  /// Trains epoch by epoch until early stopping or the last epoch. `epochDone` is called after each epoch's checkpoint is written; an error it throws
  /// stops training there (as a crash would, the checkpoint stays).
  public func trainEpochs(
    progress: (TrainingProgress) -> Void = { _ in }, epochDone: (EpochSummary) throws -> Void = { _ in }
  ) throws -> TrainingResult {
    let threads = max(1, options.threads)
    BLASThreads.set(1)
    SubnormalFloats.flushToZeroOnAllThreads()
    let step = TrainingStep(
      model: model, optimizer: options.optimizer, taskWeights: options.taskWeights, threads: threads,
      precision: options.precision)
    let batch = train.makeBatch(capacity: options.batchSize)
    var (progressState, bestWeights) = try startingState(optimizer: step.optimizer)
    step.times = progressState.times
    let start = monotonicSeconds()
    while progressState.epochsDone < max(1, options.epochs)
      && (progressState.epochsDone == 0 || progressState.epochsSinceBest < options.patience)
    {
      let epoch = progressState.epochsDone + 1
      let epochStart = monotonicSeconds()
      let decay = pow(options.learningRateDecay, Float(epoch - 1))
      step.optimizer.settings.learningRate = options.optimizer.learningRate * decay
      step.optimizer.settings.embeddingLearningRate = options.optimizer.embeddingLearningRate * decay
      step.optimizer.settings.gateLearningRate = options.optimizer.gateLearningRate * decay
      let order = shuffledRows(epoch: epoch)
      var lossSum = 0.0
      var steps = 0
      var done = 0
      var lastReport = epochStart
      while done < order.count {
        let end = min(done + options.batchSize, order.count)
        let t0 = monotonicSeconds()
        train.fill(batch, rows: order[done..<end])
        step.times.data += monotonicSeconds() - t0
        let loss = step.train(on: batch)
        guard loss.isFinite else { throw NonFiniteLossError(epoch: epoch, step: steps + 1, loss: loss) }
        lossSum += loss * Double(end - done)
        steps += 1
        done = end
        let now = monotonicSeconds()
        if now - lastReport > 0.2 || done == order.count {
          lastReport = now
          let rate = Double(done) / max(now - epochStart, 1e-9)
          progress(
            TrainingProgress(
              epoch: epoch, epochs: options.epochs, samplesDone: done, samplesPerEpoch: order.count,
              samplesPerSecond: rate, loss: lossSum / Double(done),
              secondsRemainingInEpoch: Double(order.count - done) / max(rate, 1e-9)))
        }
      }
      progressState.trainedSamples += order.count
      progressState.trainingSeconds += monotonicSeconds() - epochStart
      var report: EvaluationReport? = nil
      var improved = true
      if let valid {
        BLASThreads.set(threads)
        let r = Evaluator.evaluate(
          model: model, dataset: valid, domainNames: domainNames, taskNames: taskNames)
        BLASThreads.set(1)
        report = r
        improved = r.meanAUC > (progressState.bestScore ?? -.infinity)
      }
      if improved {
        progressState.bestScore = report?.meanAUC
        progressState.bestEpoch = epoch
        bestWeights = model.namedTensors.map { $0.value.toArray() }
        progressState.epochsSinceBest = 0
      } else {
        progressState.epochsSinceBest += 1
      }
      let summary = EpochSummary(
        epoch: epoch, trainLoss: lossSum / Double(max(order.count, 1)), validation: report,
        seconds: monotonicSeconds() - epochStart, improved: improved)
      progressState.epochs.append(summary)
      progressState.epochsDone = epoch
      progressState.times = step.times
      progressState.optimizerSteps = step.optimizer.stepCount
      if let path = options.checkpointPath {
        try TrainingCheckpoint.save(
          to: path, state: progressState, model: model, bestWeights: bestWeights, optimizer: step.optimizer)
      }
      try epochDone(summary)
    }
    for ((_, value), saved) in zip(model.namedTensors, bestWeights) {
      saved.withUnsafeBufferPointer { value.data.update(from: $0.baseAddress!, count: saved.count) }
    }
    BLASThreads.set(threads)
    return TrainingResult(
      epochs: progressState.epochs, bestEpoch: progressState.bestEpoch,
      samplesPerSecond: Double(progressState.trainedSamples) / max(progressState.trainingSeconds, 1e-9),
      seconds: monotonicSeconds() - start, times: step.times)
  }

  /// A fresh start, or the state of the checkpoint being resumed (its tensors loaded into the model
  /// and the optimiser after checking that it was made with this run's settings) with its best
  /// weights. `checkpoint.json` is not read again: `options.resume` is what was read.
  private func startingState(optimizer: Optimizer) throws -> (CheckpointState, bestWeights: [[Float]]) {
    guard let saved = options.resume, let path = options.checkpointPath else {
      let fresh = CheckpointState(
        model: model.config, settings: resumableSettings, epochsDone: 0, optimizerSteps: 0, bestScore: nil,
        bestEpoch: 0, epochsSinceBest: 0, epochs: [], trainedSamples: 0, trainingSeconds: 0,
        times: PhaseTimes())
      return (fresh, [])
    }
    if let difference = TrainingCheckpoint.dataDifference(saved.model, model.config)
      ?? Self.sizeDifference(saved.settings, resumableSettings)
    {
      throw FileError(
        path: path, problem: "made from other data (\(difference)); resume with the same data")
    }
    if let difference = TrainingCheckpoint.firstDifference(saved.model, model.config) {
      throw FileError(
        path: path, problem: "made with other model options (\(difference)); resume with the same options")
    }
    if let difference = saved.settings.firstDifference(from: resumableSettings) {
      throw FileError(
        path: path, problem: "made with other training settings (\(difference)); resume with the same options"
      )
    }
    return (saved, try TrainingCheckpoint.restore(saved, from: path, into: model, optimizer: optimizer))
  }

  /// A difference in the number of training or validation rows, or nil.
  private static func sizeDifference(_ saved: ResumableSettings, _ current: ResumableSettings) -> String? {
    if saved.trainImpressions != current.trainImpressions {
      return
        "\(saved.trainImpressions) training impressions in the checkpoint, \(current.trainImpressions) now"
    }
    if saved.validImpressions != current.validImpressions {
      return
        "\(saved.validImpressions) validation impressions in the checkpoint, \(current.validImpressions) now"
    }
    return nil
  }

  /// The training rows in epoch `epoch`'s order: a shuffle seeded by the run's seed and the epoch.
  private func shuffledRows(epoch: Int) -> [Int] {
    var rng = SeededRNG(seed: options.seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
    var order = Array(0..<train.count)
    for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
    return order
  }
}
