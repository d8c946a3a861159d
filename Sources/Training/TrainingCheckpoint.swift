import Foundation
import PepnetData
import PepnetModel
import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Where a training run stands after an epoch, and the settings it was started with.
///
/// Saved as `checkpoint.json` in a checkpoint directory, next to the current weights, the best
/// epoch's weights and the optimiser's moments (`TrainingCheckpoint`).
public struct CheckpointState: Codable, Sendable, Equatable {
  public static let currentVersion = 1
  public var formatVersion = Self.currentVersion
  /// Settings that must be the same to resume (the model, the optimiser, batching, seed,
  /// threads, task weights, the learning-rate schedule) and the split sizes of the data.
  public var model: ModelConfig
  public var settings: ResumableSettings
  public var epochsDone: Int
  public var optimizerSteps: Int
  /// Validation mean AUC of the best epoch so far (nil before the first epoch, or without
  /// validation data, when the last epoch counts as the best).
  public var bestScore: Double?
  public var bestEpoch: Int
  public var epochsSinceBest: Int
  public var epochs: [EpochSummary]
  public var trainedSamples: Int
  public var trainingSeconds: Double
  public var times: PhaseTimes
}

/// The training settings that determine the result bit for bit (with the model and the data);
/// `--epochs` and `--patience` may change on resume, these may not.
public struct ResumableSettings: Codable, Sendable, Equatable {
  public var batchSize: Int
  public var optimizer: OptimizerSettings
  public var seed: UInt64
  public var threads: Int
  public var taskWeights: [Float]?
  public var learningRateDecay: Float
  public var trainImpressions: Int
  public var validImpressions: Int
  /// The arithmetic of the training GEMMs, as resolved for the CPU (`TrainOptions.precision`): a
  /// run continued at another precision would not give the weights of one that was never stopped.
  /// A checkpoint written before precisions were recorded was trained in fp32 or bf16 without
  /// saying which; it reads as fp32, the only precision there was until bf16 training came.
  public var precision: Precision

  /// The first setting that differs, as "what: 2 in the checkpoint, 4 now", or nil: every
  /// stored setting, the optimiser's included (`SettingsDifference`).
  public func firstDifference(from other: ResumableSettings) -> String? {
    SettingsDifference.first(
      self, other,
      names: [
        "batchSize": "batch size", "optimizer.learningRate": "learning rate",
        "optimizer.embeddingLearningRate": "embedding learning rate",
        "optimizer.gateLearningRate": "gate learning rate", "optimizer.l2": "L2",
        "optimizer.embeddingL2": "embedding L2", "optimizer.gateL2": "gate L2",
        "optimizer.clipNorm": "clip norm",
        "optimizer.embeddingRule": "embedding optimiser", "optimizer.beta1": "Adam beta1",
        "optimizer.beta2": "Adam beta2", "optimizer.epsilon": "Adam epsilon", "seed": "seed",
        "threads": "threads", "taskWeights": "task weights", "learningRateDecay": "learning-rate decay",
        "trainImpressions": "train impressions", "validImpressions": "validation impressions",
        "precision": "precision",
      ])
  }
}

extension ResumableSettings {
  private enum CodingKeys: String, CodingKey {
    case batchSize, optimizer, seed, threads, taskWeights, learningRateDecay, trainImpressions
    case validImpressions, precision
  }

  /// Decodes a checkpoint's settings; one without `precision` (written before it was recorded)
  /// reads as fp32.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    batchSize = try c.decode(Int.self, forKey: .batchSize)
    optimizer = try c.decode(OptimizerSettings.self, forKey: .optimizer)
    seed = try c.decode(UInt64.self, forKey: .seed)
    threads = try c.decode(Int.self, forKey: .threads)
    taskWeights = try c.decodeIfPresent([Float].self, forKey: .taskWeights)
    learningRateDecay = try c.decode(Float.self, forKey: .learningRateDecay)
    trainImpressions = try c.decode(Int.self, forKey: .trainImpressions)
    validImpressions = try c.decode(Int.self, forKey: .validImpressions)
    precision = try c.decodeIfPresent(Precision.self, forKey: .precision) ?? .fp32
  }
}

/// A checkpoint directory, written atomically (`AtomicDirectory`) after every epoch so that a run
/// killed at any moment can continue from its last complete epoch with `pepnet train --resume`,
/// and produce the same weights as a run that was never interrupted:
/// - `checkpoint.json`: `CheckpointState`;
/// - `weights.safetensors`: the weights after the last epoch;
/// - `best.safetensors`: the best epoch's weights (restored when training ends);
/// - `optimizer.safetensors`: Adam's (or Adagrad's) moments, named `<tensor>.m` and `<tensor>.v`.
public enum TrainingCheckpoint {
  public static let stateFile = "checkpoint.json"
  public static let weightsFile = "weights.safetensors"
  public static let bestFile = "best.safetensors"
  public static let optimizerFile = "optimizer.safetensors"
  /// Every file of a checkpoint directory.
  public static let files = [stateFile, weightsFile, bestFile, optimizerFile]

  /// Removes the checkpoint at `path` once the run it belongs to has saved its bundle: its files
  /// one by one, then the directory if that left it empty. Never a recursive removal, so nothing
  /// else that may be in that folder is lost. Returns whether the directory is gone.
  @discardableResult
  public static func remove(at path: String) -> Bool {
    for file in files { unlink(path + "/" + file) }
    return rmdir(path) == 0
  }

  /// Writes the checkpoint, replacing the previous one at `path` in one step.
  public static func save(
    to path: String, state: CheckpointState, model: RecommenderModel, bestWeights: [[Float]],
    optimizer: Optimizer
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let stateData = try encoder.encode(state)
    let named = model.namedTensors
    let weights = tensorsFile(named.map { ($0.name, $0.value.rows, $0.value.cols, $0.value.toArray()) })
    let best = tensorsFile(zip(named, bestWeights).map { ($0.name, $0.value.rows, $0.value.cols, $1) })
    let moments = tensorsFile(
      optimizer.stateTensors.map { ($0.name, $0.value.rows, $0.value.cols, $0.value.toArray()) })
    try AtomicDirectory.replace(at: path) { dir in
      try weights.write(to: dir + "/" + weightsFile)
      try best.write(to: dir + "/" + bestFile)
      try moments.write(to: dir + "/" + optimizerFile)
      FaultInjection.pauseIfRequested(at: .checkpointMidWrite)
      try AtomicFile.write(stateData, to: dir + "/" + stateFile)
    }
  }

  /// Loads the tensors of the checkpoint at `path`, whose `state` was read with `readState`, into
  /// `model` and `optimizer` (which must have the checkpoint's configuration) and returns the best
  /// epoch's weights.
  public static func restore(
    _ state: CheckpointState, from path: String, into model: RecommenderModel, optimizer: Optimizer
  ) throws -> [[Float]] {
    let owner = "a \(model.config.architecture.rawValue) checkpoint"
    try ModelBundle.assign(
      try SafeTensorsFile(contentsOfFile: path + "/" + weightsFile), to: model.namedTensors, owner: owner,
      file: path + "/" + weightsFile)
    try ModelBundle.assign(
      try SafeTensorsFile(contentsOfFile: path + "/" + optimizerFile), to: optimizer.stateTensors,
      owner: owner,
      file: path + "/" + optimizerFile)
    // The best weights go through scratch matrices of the model's shapes, with the same checks.
    let scratch = model.namedTensors.map {
      (name: $0.name, value: Matrix(rows: $0.value.rows, cols: $0.value.cols))
    }
    try ModelBundle.assign(
      try SafeTensorsFile(contentsOfFile: path + "/" + bestFile), to: scratch, owner: owner,
      file: path + "/" + bestFile)
    optimizer.resume(afterSteps: state.optimizerSteps)
    return scratch.map { $0.value.toArray() }
  }

  /// Reads and checks `checkpoint.json` only.
  public static func readState(at path: String) throws -> CheckpointState {
    try ModelBundle.requireDirectory(
      path, kind: "checkpoint",
      ifMissing: "no checkpoint to resume from (pepnet train writes one after each epoch)")
    let file = path + "/" + stateFile
    let state = try ModelBundle.decodeJSON(CheckpointState.self, at: file)
    guard state.formatVersion == CheckpointState.currentVersion else {
      throw FileError(
        path: file,
        problem:
          "unknown formatVersion \(state.formatVersion) (this pepnet reads \(CheckpointState.currentVersion))"
      )
    }
    guard state.epochsDone >= 1, state.optimizerSteps >= 0, state.bestEpoch >= 1,
      state.bestEpoch <= state.epochsDone, state.epochs.count == state.epochsDone
    else {
      throw FileError(path: file, problem: "inconsistent epoch counts")
    }
    return state
  }

  /// The first difference between the data two model configurations were built from (their
  /// fields, as the pipeline made them from the data, and their tasks), in a few words, or nil.
  public static func dataDifference(_ saved: ModelConfig, _ current: ModelConfig) -> String? {
    if saved.tasks != current.tasks {
      return "tasks: \(saved.tasks.joined(separator: ", ")) in the checkpoint,"
        + " \(current.tasks.joined(separator: ", ")) now"
    }
    for (old, new) in zip(saved.fields, current.fields) where old != new {
      if old.name != new.name {
        return "a field '\(old.name)' in the checkpoint where there is '\(new.name)' now"
      }
      if old.vocabularySize != new.vocabularySize {
        return
          "field '\(old.name)': \(old.vocabularySize) values in the checkpoint, \(new.vocabularySize) now"
      }
      return "field '\(old.name)': \(old.role.rawValue)\(old.isPrior ? " prior" : "") in the checkpoint,"
        + " \(new.role.rawValue)\(new.isPrior ? " prior" : "") now"
    }
    if saved.fields.count != current.fields.count {
      return "\(saved.fields.count) fields in the checkpoint, \(current.fields.count) now"
    }
    return nil
  }

  /// The first model option in which two configurations built from the same data differ
  /// ("tower: [256,128] in the checkpoint, [128,64] now"), or nil when they are equal.
  public static func firstDifference(_ saved: ModelConfig, _ current: ModelConfig) -> String? {
    guard saved != current else { return nil }
    if let difference = dataDifference(saved, current) { return difference }
    return SettingsDifference.first(saved, current) ?? "the model configurations differ"
  }

  private static func tensorsFile(_ tensors: [(String, Int, Int, [Float])]) -> SafeTensorsFile {
    var named: [String: SafeTensor] = [:]
    for (name, rows, cols, values) in tensors {
      named[name] = SafeTensor(shape: [rows, cols], floats: values)
    }
    return SafeTensorsFile(tensors: named, metadata: ["format": "pepnet-checkpoint", "format_version": "1"])
  }
}
