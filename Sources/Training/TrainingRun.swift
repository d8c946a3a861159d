import Foundation
import PepnetData
import PepnetModel

/// One whole training run, what `pepnet train` does after checking its options and outputs: read
/// the dataset, build the pipeline and the model, train (continuing a checkpoint when `options`
/// holds one), restore the best epoch, evaluate the test split, save the bundle with its training
/// record, and remove the checkpoint.
///
/// The caller says where things go and hears what happens through `TrainingEvents`; it keeps the
/// terminal (progress bar, tables, JSON lines) and the interrupt notices.
public struct TrainingRun {
  /// The dataset folder.
  public var data: String
  /// Where the bundle is saved (a real path, checked by the caller).
  public var bundle: String
  /// The model's options; its fields and tasks are replaced by the pipeline's.
  public var model: ModelConfig
  public var seed: UInt64
  /// Epochs, batch, optimiser, threads, checkpoint and the state to resume. Task weights are given
  /// by name (`taskWeights`), since the tasks are known only once the schema is read.
  public var options: TrainOptions
  /// The loss weights for the dataset's tasks, in its order (nil: all 1).
  public var taskWeights: ([String]) throws -> [Float]?
  /// The command line, for the training record.
  public var command: String
  /// `--id-min-count`, `--feature-min-count`: override the schema's (and the defaults).
  public var idMinCount: Int? = nil
  public var featureMinCount: Int? = nil

  public init(
    data: String, bundle: String, model: ModelConfig, seed: UInt64, options: TrainOptions,
    taskWeights: @escaping ([String]) throws -> [Float]? = { _ in nil }, command: String
  ) {
    self.data = data
    self.bundle = bundle
    self.model = model
    self.seed = seed
    self.options = options
    self.taskWeights = taskWeights
    self.command = command
  }

  /// What a finished run produced.
  public struct Outcome {
    public var training: TrainingResult
    /// The best epoch's report on the test split.
    public var test: EvaluationReport
    /// The saved bundle's manifest: the best epoch's validation report, the test report and the
    /// training record.
    public var manifest: BundleManifest
    /// Whether the checkpoint directory is still there after its files were removed (it held
    /// files pepnet did not write).
    public var checkpointKept: Bool
  }

  /// Trains from the dataset and saves the best epoch as a bundle. Errors leave the bundle as it was (it is saved in one step, at the end) and the
  /// checkpoint of the last complete epoch in place.
  public func trainAndSave(events: TrainingEvents = TrainingEvents()) throws -> Outcome {
    let started = Date()
    // The schema (small) before the CSV files, so that task names are checked first.
    let dataset = try Dataset(directory: URL(fileURLWithPath: data))
    var options = options
    options.taskWeights = try taskWeights(dataset.schema.tasks)
    events.log("reading \(data): building vocabularies and domain statistics from the train split")
    let pipelineOptions = PipelineOptions(
      schema: dataset.schema, idMinCount: idMinCount, featureMinCount: featureMinCount)
    let pipeline = try FeaturePipeline.build(dataset: dataset, options: pipelineOptions)
    let train = try EncodedDataset(dataset: dataset, split: .train, pipeline: pipeline)
    let valid = try EncodedDataset(dataset: dataset, split: .valid, pipeline: pipeline)
    let test = try EncodedDataset(dataset: dataset, split: .test, pipeline: pipeline)
    events.log(
      "train \(train.count), valid \(valid.count), test \(test.count) impressions; \(pipeline.fields.count) fields"
    )
    for rows in [train, valid, test] where rows.count == 0 {
      throw DataError(file: rows.file, line: 1, column: 1, kind: .noRows)
    }
    let summaries = zip(["train", "valid", "test"], [train, valid, test]).map { name, rows in
      DatasetSummary(split: name, rows, domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
    }
    events.log(DatasetSummary.table(summaries))
    // The log's shape is judged on the train split; positives on every split.
    for summary in summaries {
      summary.warnings(structural: summary.split == "train").forEach(events.warning)
    }
    DatasetSummary.stepsWarning(rows: train.count, batchSize: options.batchSize).map(events.warning)
    events.log(
      "rows with an unknown user / item (id_min_count \(pipelineOptions.idMinCount)): valid "
        + "\(UnknownIdShare(valid).text), test \(UnknownIdShare(test).text)")
    var config = self.model
    config.fields = pipeline.fields
    config.tasks = pipeline.tasks
    if let problem = config.sizeProblem { throw TrainingRunError.modelTooLarge(problem) }
    let model = ModelFactory.make(config: config, seed: seed)
    // Before the trainer copies anything; a resumed run then loads the checkpoint's weights.
    (model as? PEPNet)?.initialiseGates(options.gateInit)
    events.log("model \(config.architecture.rawValue), \(model.parameterCount) parameters")
    let trainer = Trainer(
      model: model, train: train, valid: valid, options: options, domainNames: pipeline.domainNames,
      taskNames: pipeline.tasks)
    let result = try trainer.trainEpochs(progress: events.progress, epochDone: events.epochDone)
    events.trainingDone(result.epochs.count)
    events.log("restored the best epoch (\(result.bestEpoch)) and evaluating on test")
    // The best epoch's validation report was made with the weights just restored: it is not
    // computed a second time.
    let validReport = result.epochs.first { $0.epoch == result.bestEpoch }?.validation
    let testReport = Evaluator.evaluate(
      model: model, dataset: test, domainNames: pipeline.domainNames, taskNames: pipeline.tasks)
    let record = TrainingRecord(
      dataset: data, seed: seed, threads: options.threads, epochs: result.epochs.count,
      bestEpoch: result.bestEpoch, batchSize: options.batchSize, optimizer: options.optimizer,
      samplesPerSecond: result.samplesPerSecond, seconds: Date().timeIntervalSince(started), command: command,
      precision: options.precision.rawValue)
    let manifest = BundleManifest(
      model: model.config, tasks: pipeline.tasks, domains: pipeline.domainNames, training: record,
      validation: validReport, test: testReport, negativeTasks: dataset.schema.negativeTasks)
    try events.beforeSaving()
    try ModelBundle(manifest: manifest, model: model, pipeline: pipeline).save(to: bundle)
    // The bundle holds the best epoch; the checkpoint (weights, best weights, optimiser moments)
    // was only needed to survive an interruption. Only its own files are removed.
    var kept = false
    if let checkpoint = options.checkpointPath, !TrainingCheckpoint.remove(at: checkpoint) {
      kept = FileManager.default.fileExists(atPath: checkpoint)
    }
    return Outcome(training: result, test: testReport, manifest: manifest, checkpointKept: kept)
  }
}

/// What a training run tells its caller as it goes; every member defaults to nothing.
public struct TrainingEvents {
  /// A line for the log (stderr in `pepnet train`).
  public var log: (String) -> Void
  /// What the data cannot show (`pepnet: warning: ` and the text on stderr in `pepnet train`).
  public var warning: (String) -> Void = { _ in }
  /// Progress within an epoch, a few times a second.
  public var progress: (TrainingProgress) -> Void
  /// After each epoch's checkpoint is written; an error stops the run there (the checkpoint stays).
  public var epochDone: (EpochSummary) throws -> Void
  /// After the last epoch, with the number of epochs done, before the test split is evaluated.
  public var trainingDone: (Int) -> Void
  /// Just before the bundle is written: the place to check again that the output may be replaced.
  public var beforeSaving: () throws -> Void

  public init(
    log: @escaping (String) -> Void = { _ in }, progress: @escaping (TrainingProgress) -> Void = { _ in },
    epochDone: @escaping (EpochSummary) throws -> Void = { _ in },
    trainingDone: @escaping (Int) -> Void = { _ in }, beforeSaving: @escaping () throws -> Void = {}
  ) {
    self.log = log
    self.progress = progress
    self.epochDone = epochDone
    self.trainingDone = trainingDone
    self.beforeSaving = beforeSaving
  }
}

/// A run that cannot start: the model the options describe is too large.
public enum TrainingRunError: Error, CustomStringConvertible {
  case modelTooLarge(String)
  public var description: String {
    switch self {
    case .modelTooLarge(let problem): return problem
    }
  }
}
