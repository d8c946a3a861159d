import PepnetModel
import PepnetNumerics

/// How to train: epochs, batch, optimiser, threads, early stopping.
public struct TrainOptions: Sendable {
  public var epochs: Int
  public var batchSize: Int
  public var optimizer: OptimizerSettings
  public var seed: UInt64
  public var threads: Int
  /// Stop after this many epochs without a better validation score.
  public var patience: Int
  public var taskWeights: [Float]?

  public init(
    epochs: Int = 10, batchSize: Int = 512, optimizer: OptimizerSettings = OptimizerSettings(learningRate: 2e-3),
    seed: UInt64 = 1, threads: Int = 2, patience: Int = 2, taskWeights: [Float]? = nil
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.seed = seed
    self.threads = threads
    self.patience = patience
    self.taskWeights = taskWeights
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
public struct EpochSummary: Sendable {
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
/// restored at the end. Deterministic for a given seed and thread count.
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

  public func run(
    progress: (TrainingProgress) -> Void = { _ in }, epochDone: (EpochSummary) -> Void = { _ in }
  ) throws -> TrainingResult {
    let threads = max(1, options.threads)
    BLASThreads.set(1)
    SubnormalFloats.flushToZeroOnAllThreads()
    let step = TrainingStep(
      model: model, optimizer: options.optimizer, taskWeights: options.taskWeights, threads: threads)
    let batch = train.makeBatch(capacity: options.batchSize)
    var order = Array(0..<train.count)
    var rng = SeededRNG(seed: options.seed)
    var summaries: [EpochSummary] = []
    var best = -Double.infinity
    var bestEpoch = 0
    var bestWeights: [[Float]] = []
    var sinceBest = 0
    let start = monotonicSeconds()
    var trainedSamples = 0
    var trainingSeconds = 0.0
    for epoch in 1...max(1, options.epochs) {
      let epochStart = monotonicSeconds()
      for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
      var lossSum = 0.0
      var steps = 0
      var done = 0
      var lastReport = epochStart
      while done < order.count {
        let end = min(done + options.batchSize, order.count)
        let t0 = monotonicSeconds()
        train.fill(batch, rows: order[done..<end])
        step.times.data += monotonicSeconds() - t0
        let loss = step.run(batch)
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
      trainedSamples += order.count
      trainingSeconds += monotonicSeconds() - epochStart
      var report: EvaluationReport? = nil
      var improved = true
      if let valid {
        BLASThreads.set(threads)
        let r = Evaluator.evaluate(model: model, dataset: valid, domainNames: domainNames, taskNames: taskNames)
        BLASThreads.set(1)
        report = r
        improved = r.meanAUC > best
      }
      if improved {
        best = report?.meanAUC ?? Double(epoch)
        bestEpoch = epoch
        bestWeights = model.namedTensors.map { $0.value.toArray() }
        sinceBest = 0
      } else {
        sinceBest += 1
      }
      let summary = EpochSummary(
        epoch: epoch, trainLoss: lossSum / Double(max(order.count, 1)), validation: report,
        seconds: monotonicSeconds() - epochStart, improved: improved)
      summaries.append(summary)
      epochDone(summary)
      if sinceBest >= options.patience { break }
    }
    for ((_, value), saved) in zip(model.namedTensors, bestWeights) {
      saved.withUnsafeBufferPointer { value.data.update(from: $0.baseAddress!, count: saved.count) }
    }
    BLASThreads.set(threads)
    return TrainingResult(
      epochs: summaries, bestEpoch: bestEpoch, samplesPerSecond: Double(trainedSamples) / max(trainingSeconds, 1e-9),
      seconds: monotonicSeconds() - start, times: step.times)
  }
}
