import PepnetData
import PepnetModel
import PepnetNumerics

#if canImport(Glibc)
  import Glibc
#endif

/// Scores every row of a split and computes the per-domain, per-task report (AUC, GAUC,
/// log-loss, positives, and the oracle's AUC where the data has oracle columns).
public enum Evaluator {
  /// Probabilities for every row, row-major `count x taskCount`.
  public static func predict(model: RecommenderModel, dataset: EncodedDataset, batchSize: Int = 4096)
    -> [Float]
  {
    let tasks = dataset.taskCount
    var out = [Float](repeating: 0, count: dataset.count * tasks)
    let batch = dataset.makeBatch(capacity: batchSize)
    var start = 0
    while start < dataset.count {
      let end = min(start + batchSize, dataset.count)
      dataset.fill(batch, rows: start..<end)
      let logits = model.forward(batch)
      for r in 0..<(end - start) {
        for t in 0..<tasks { out[(start + r) * tasks + t] = 1 / (1 + expf(-logits[r, t])) }
      }
      start = end
    }
    return out
  }

  public static func evaluate(
    model: RecommenderModel, dataset: EncodedDataset, domainNames: [String], taskNames: [String]
  ) -> EvaluationReport {
    let scores = predict(model: model, dataset: dataset)
    return EvaluationReport(
      scores: scores, labels: dataset.labels, labelMask: dataset.labelMask, domains: dataset.domains,
      users: dataset.users, domainNames: domainNames, taskNames: taskNames, oracle: dataset.oracle)
  }
}

extension EvaluationReport {
  /// Mean over tasks of the all-domain AUC: the early-stopping criterion. AUC rather than GAUC
  /// because most users have no positive of a sparse task in a validation split, which makes GAUC
  /// rest on few users and jump between epochs.
  public var meanAUC: Double {
    let values = tasks.compactMap { slice(domain: nil, task: $0)?.auc }
    return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }

  /// Mean GAUC over the (domain, task) cells where it is defined.
  public var meanGAUC: Double? {
    let values = domains.flatMap { d in tasks.compactMap { slice(domain: d, task: $0)?.gauc } }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }
}
