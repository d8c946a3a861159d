import Foundation
import PepnetModel

/// `config.json` of a model bundle: the architecture and its options, the names the model was
/// trained with, how it was trained, and how it scored.
public struct BundleManifest: Codable, Sendable {
  public static let currentVersion = 1
  public static let fileName = "config.json"

  public var formatVersion: Int
  public var model: ModelConfig
  public var tasks: [String]
  public var domains: [String]
  public var training: TrainingRecord?
  /// Metrics on the validation and test splits, when known.
  public var validation: EvaluationReport?
  public var test: EvaluationReport?
  /// Negative-feedback tasks (from the schema's `negative_tasks`); absent in older bundles.
  public var negativeTasks: [String]?

  public init(
    model: ModelConfig, tasks: [String], domains: [String], training: TrainingRecord? = nil,
    validation: EvaluationReport? = nil, test: EvaluationReport? = nil, negativeTasks: [String]? = nil
  ) {
    formatVersion = Self.currentVersion
    self.model = model
    self.tasks = tasks
    self.domains = domains
    self.training = training
    self.validation = validation
    self.test = test
    self.negativeTasks = negativeTasks
  }

  /// The default blend: 1 per task, -1 for a negative-feedback task.
  public var defaultWeights: [Float] {
    let negative = Set(negativeTasks ?? [])
    return tasks.map { negative.contains($0) ? -1 : 1 }
  }

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version", model, tasks, domains, training, validation, test
    case negativeTasks = "negative_tasks"
  }

  /// Decodes and checks the model's sizes, so that a corrupt or hostile config is reported in one
  /// line instead of crashing (or exhausting memory) when the model is built.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    formatVersion = try c.decode(Int.self, forKey: .formatVersion)
    model = try c.decode(ModelConfig.self, forKey: .model)
    tasks = try c.decode([String].self, forKey: .tasks)
    domains = try c.decode([String].self, forKey: .domains)
    training = try c.decodeIfPresent(TrainingRecord.self, forKey: .training)
    validation = try c.decodeIfPresent(EvaluationReport.self, forKey: .validation)
    test = try c.decodeIfPresent(EvaluationReport.self, forKey: .test)
    negativeTasks = try c.decodeIfPresent([String].self, forKey: .negativeTasks)
    if let problem = model.sizeProblem { throw ModelConfigError("model.\(problem)") }
  }
}

/// How a bundle's weights were obtained.
public struct TrainingRecord: Codable, Sendable, Equatable {
  public var dataset: String
  public var seed: UInt64
  public var threads: Int
  public var epochs: Int
  public var bestEpoch: Int
  public var batchSize: Int
  public var optimizer: OptimizerSettings
  public var samplesPerSecond: Double
  public var seconds: Double
  public var command: String
  /// The arithmetic of the training GEMMs (`fp32` or `bf16`); absent in bundles from before bf16
  /// training, which trained in fp32.
  public var precision: String?

  public init(
    dataset: String, seed: UInt64, threads: Int, epochs: Int, bestEpoch: Int, batchSize: Int,
    optimizer: OptimizerSettings, samplesPerSecond: Double, seconds: Double, command: String,
    precision: String? = nil
  ) {
    self.dataset = dataset
    self.seed = seed
    self.threads = threads
    self.epochs = epochs
    self.bestEpoch = bestEpoch
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.samplesPerSecond = samplesPerSecond
    self.seconds = seconds
    self.command = command
    self.precision = precision
  }
}
