import ArgumentParser
import Foundation
import PepnetData
import PepnetModel
import PepnetNumerics
import PepnetTraining

/// `pepnet train`: trains PEPNet (or an ablation or baseline) on a dataset folder and writes a
/// model bundle.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Train a model on a dataset folder and save a model bundle.")

  @Option(help: "Dataset folder (schema.json, users.csv, items.csv, train/valid/test.csv).") var data: String
  @Option(
    help:
      "Where to write the model bundle: a new or empty folder, or a bundle pepnet wrote (replaced atomically)."
  )
  var out: String
  @Option(help: "Maximum epochs.") var epochs = 10
  @Option(help: "Mini-batch size.") var batchSize = 512
  @Option(help: "Adam learning rate.") var lr: Float = 2e-3
  @Option(help: "Seed for weights and shuffling.") var seed: UInt64 = 1
  @Option(help: "Threads (data-parallel shards).") var threads = 2
  @OptionGroup var modelOptions: ModelOptions
  @Option(help: "L2 penalty on the dense weights (--emb-l2 is the embeddings' own).") var l2: Float = 0
  @Option(help: "L2 penalty on the embedding rows a batch touches (the id embeddings overfit without it).")
  var embL2: Float = 1e-2
  @Option(help: "Learning rate of the embedding tables (default: --lr).") var embLr: Float?
  @Option(help: "Learning rate of the EPNet and PPNet Gate NU networks (default: --lr).") var gateLr: Float?
  @Option(help: "L2 penalty on the EPNet and PPNet Gate NU networks in place of --l2 (default: --l2).")
  var gateL2: Float?
  @Option(
    help:
      "How the Gate NU output layers start: uniform (as every layer) or zero (every gate exactly gamma/2, 1 for gamma 2)."
  )
  var gateInit: GateInit = .uniform
  @Option(help: "Clip the global gradient norm (0 = off).") var clipNorm: Float = 0
  @Option(help: "Epochs without validation improvement before stopping.") var patience = 2
  @Option(help: "Embedding optimiser: lazy-adam or adagrad.") var embeddingOptimizer: EmbeddingOptimizer =
    .lazyAdam
  @Option(help: "Multiply both learning rates by this after every epoch (1 = constant).") var lrDecay: Float =
    1
  @Option(
    help: ArgumentHelp(
      "Loss weight per task, as task=weight pairs (others weigh 1) or one weight per task in order.",
      valueName: "follow=2,hate=2"))
  var taskWeights: String?
  @Option(
    help: ArgumentHelp(
      "Checkpoint directory: a new path or a pepnet checkpoint, rewritten atomically after every epoch and"
        + " removed after the run (default: <out>.checkpoint)."))
  var checkpoint: String?
  @Option(
    help: ArgumentHelp(
      "Arithmetic of the training GEMMs: auto, fp32 or bf16 (bf16 operands, fp32 accumulation and master"
        + " weights; needs AVX512-BF16 or AMX, fp32 otherwise). auto: fp32."))
  var precision: RequestedPrecision = .auto
  @Flag(help: "Write no checkpoints.") var noCheckpoint = false
  @Flag(help: "Continue from the checkpoint of an interrupted run with the same options.") var resume = false
  @Flag(help: "Print the per-epoch validation table and the final report as JSON lines.") var json = false
  @Option(
    help: "Train impressions an id needs for its own index (default: schema.json's id_min_count, else 2).")
  var idMinCount: Int?
  @Option(help: "Train impressions a feature value needs (default: schema.json's feature_min_count, else 1).")
  var featureMinCount: Int?

  func validate() throws {
    try checkRange("--epochs", epochs, 1...100_000)
    try checkRange("--batch-size", batchSize, 1...65_536)
    try checkRange("--threads", threads, 1...256)
    try modelOptions.checkSizes()
    try checkRange("--patience", patience, 0...100_000)
    if let idMinCount { try checkRange("--id-min-count", idMinCount, PipelineOptions.minCountRange) }
    if let featureMinCount {
      try checkRange("--feature-min-count", featureMinCount, PipelineOptions.minCountRange)
    }
    guard lr > 0, lr.isFinite, modelOptions.gamma > 0, modelOptions.gamma.isFinite else {
      throw ValidationError("--lr and --gamma must be positive finite numbers")
    }
    if let embLr, !(embLr > 0 && embLr.isFinite) {
      throw ValidationError("--emb-lr must be a positive finite number")
    }
    if let gateLr, !(gateLr > 0 && gateLr.isFinite) {
      throw ValidationError("--gate-lr must be a positive finite number")
    }
    for (option, value) in [
      ("--l2", l2), ("--emb-l2", embL2), ("--gate-l2", gateL2 ?? 0), ("--clip-norm", clipNorm),
    ] {
      guard value >= 0, value.isFinite else {
        throw ValidationError("\(option) must be a finite number, 0 or more; got \(value)")
      }
    }
    guard lrDecay > 0, lrDecay <= 1 else {
      throw ValidationError("--lr-decay must be in (0, 1]; got \(lrDecay)")
    }
    guard !(resume && noCheckpoint) else {
      throw ValidationError("--resume needs a checkpoint; drop --no-checkpoint")
    }
    try modelOptions.checkWidths()
    if let taskWeights { _ = try TaskWeightsOption(parsing: taskWeights) }
  }

  func run() throws {
    // Every output is resolved and checked before anything is read or written: a long run must
    // not end in an error, nor replace or remove what pepnet did not write.
    let outputs = try TrainingOutputs.check(
      out: out, checkpoint: checkpoint, noCheckpoint: noCheckpoint, resume: resume, data: data)
    let epochsDone = outputs.resumedEpochs
    if resume, let path = outputs.checkpoint?.shown {
      log("resuming from \(path) at epoch \(epochsDone + 1)")
    }
    InterruptNotice.install(outputs.interruptedBeforeTraining(epochsDone: epochsDone))
    let optimizer = OptimizerSettings(
      learningRate: lr, embeddingLearningRate: embLr, gateLearningRate: gateLr, l2: l2, embeddingL2: embL2,
      gateL2: gateL2, clipNorm: clipNorm,
      embeddingRule: embeddingOptimizer)
    let options = TrainOptions(
      epochs: epochs, batchSize: batchSize, optimizer: optimizer, seed: seed, threads: threads,
      patience: patience, learningRateDecay: lrDecay, checkpointPath: outputs.checkpoint?.real,
      resume: outputs.resumed, precision: trainingPrecision(), gateInit: gateInit)
    var run = TrainingRun(
      data: data, bundle: outputs.bundle, model: try modelOptions.config(), seed: seed, options: options,
      taskWeights: lossWeights, command: CommandLine.arguments.joined(separator: " "))
    run.idMinCount = idMinCount
    run.featureMinCount = featureMinCount
    let progress = TerminalProgress()
    var events = TrainingEvents(
      log: { log($0) }, progress: progress.update,
      epochDone: { summary in
        InterruptNotice.set(outputs.interrupted(inEpoch: summary.epoch + 1))
        progress.finishLine()
        let marker = summary.improved ? " (best so far)" : ""
        log(
          String(
            format: "epoch %d: train loss %.4f, %.1fs; validation mean AUC %.4f%@", summary.epoch,
            summary.trainLoss, summary.seconds, summary.validation?.meanAUC ?? .nan, marker))
        if let report = summary.validation {
          if json { printJSON(["epoch": summary.epoch, "validation": report]) } else { log(report.table()) }
        }
      },
      trainingDone: { epochs in InterruptNotice.set(outputs.interruptedBeforeSaving(epochsDone: epochs)) },
      beforeSaving: {
        // Checked again: the folder may have changed during training, and the save replaces it whole.
        try checkOutputDirectory(out, kind: .bundle)
      })
    events.warning = { log("pepnet: warning: \($0)") }
    InterruptNotice.set(outputs.interrupted(inEpoch: epochsDone + 1))
    let outcome: TrainingRun.Outcome
    do {
      outcome = try run.trainAndSave(events: events)
    } catch TrainingRunError.modelTooLarge(let problem) {
      throw ValidationError(problem)
    }
    InterruptNotice.uninstall()
    if json { printJSON(["test": outcome.test]) } else { print(outcome.test.table()) }
    let result = outcome.training
    let t = result.times
    let total = max(t.total, 1e-9)
    log(
      String(
        format:
          "throughput %.0f samples/s; time: forward %.1fs (%.0f%%), backward %.1fs (%.0f%%), optimiser %.1fs"
          + " (%.0f%%), data %.1fs (%.0f%%); total %.1fs", result.samplesPerSecond, t.forward,
        100 * t.forward / total, t.backward, 100 * t.backward / total, t.optimizer, 100 * t.optimizer / total,
        t.data,
        100 * t.data / total, result.seconds))
    log("saved \(out)")
    if outcome.checkpointKept, let checkpoint = outputs.checkpoint {
      log("kept \(checkpoint.shown): it holds files pepnet did not write")
    }
  }

  /// `--precision` on this CPU; says once when bf16 was asked for and the CPU cannot give it.
  func trainingPrecision() -> Precision {
    let resolved = precision.resolved(autoPrefersBF16: false)
    if precision == .bf16 && resolved == .fp32 {
      log("training in fp32: oneDNN runs on \(OneDNN.isaName), which has no native bf16")
    }
    return resolved
  }

  /// `--task-weights` for the dataset's tasks (nil: all 1).
  func lossWeights(for tasks: [String]) throws -> [Float]? {
    try taskWeights.map { try TaskWeightsOption(parsing: $0).weights(for: tasks) }
  }
}

extension GateInit: ExpressibleByArgument {}
