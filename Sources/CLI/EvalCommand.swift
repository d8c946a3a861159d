import ArgumentParser
import Foundation
import PepnetData
import PepnetModel
import PepnetNumerics
import PepnetTraining

/// `pepnet eval`: a bundle's AUC, GAUC, log-loss and positives by domain and task on a split, with
/// the oracle's AUC where the data carries true probabilities.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval", abstract: "Evaluate a model bundle on a dataset split by domain and task.")

  @Option(help: "Model bundle directory.") var model: String
  @Option(help: "Dataset folder.") var data: String
  @Option(help: "Split: train, valid or test.") var split: Dataset.Split = .test
  @Option(help: "Threads for scoring.") var threads = 2
  @Flag(help: "Print the report as JSON.") var json = false
  @Option(help: PrecisionOption.help(autoMeans: "fp32, so reported metrics do not depend on the CPU"))
  var precision = RequestedPrecision.auto

  func validate() throws {
    guard (1...256).contains(threads) else {
      throw ValidationError("--threads must be in 1...256; got \(threads)")
    }
  }

  func run() throws {
    let bundle = try ModelBundle.load(from: model)
    let dataset = try Dataset(directory: URL(fileURLWithPath: data))
    guard dataset.schema.tasks == bundle.manifest.tasks else {
      let schema = dataset.directory.appendingPathComponent("schema.json").path
      throw CommandError(
        "\(schema): tasks \(dataset.schema.tasks) differ from the model's \(bundle.manifest.tasks)")
    }
    let rows = try EncodedDataset(path: dataset.path(of: split), pipeline: bundle.pipeline)
    guard rows.count > 0 else { throw DataError(file: rows.file, line: 1, column: 1, kind: .noRows) }
    let summary = DatasetSummary(
      split: split.rawValue, rows, domainNames: bundle.manifest.domains, taskNames: bundle.manifest.tasks)
    log(DatasetSummary.table([summary]))
    for warning in summary.warnings() { log("pepnet: warning: \(warning)") }
    BLASThreads.set(threads)
    let report = PrecisionOption.run(
      precision.resolved(autoPrefersBF16: false), model: bundle.model, threads: threads
    ) {
      Evaluator.evaluate(
        model: bundle.model, dataset: rows, domainNames: bundle.manifest.domains,
        taskNames: bundle.manifest.tasks)
    }
    // Domain and task names come from the files: the text is written with control characters
    // escaped (JSON escapes them itself).
    if json { try StandardOutput.writeJSON(report) } else { try StandardOutput.writeLine(report.table()) }
  }
}

extension Dataset.Split: ExpressibleByArgument {}
