import PepnetModel

/// The numbers of `config.json` outside the model (the training record and the metrics), which
/// training writes but nothing serving trusts: still bounded, so that a hand-edited or hostile
/// file with an absurd value is refused in one line instead of being shown or reused.
extension BundleManifest {
  /// The first number of the training record or the metrics outside what training writes, in
  /// one line naming the field (nil if all are sane). The model's own numbers are `sizeProblem`'s.
  var valueProblem: String? {
    func outside(_ field: String, _ value: Double, _ range: ClosedRange<Double>, open: Bool) -> String? {
      if range.contains(value) && !(open && value == range.lowerBound) { return nil }
      let bound =
        range.upperBound == .greatestFiniteMagnitude
        ? "a finite number \(open ? ">" : ">=") 0" : "in \(range.lowerBound)...\(range.upperBound)"
      return "\(field) is \(value); it must be \(bound)"
    }
    let any = 0...Double.greatestFiniteMagnitude
    var checks: [(String, Double, ClosedRange<Double>, Bool)] = []
    if let t = training {
      let o = t.optimizer
      checks += [
        ("training.optimizer.learningRate", Double(o.learningRate), any, true),
        ("training.optimizer.embeddingLearningRate", Double(o.embeddingLearningRate), any, true),
        ("training.optimizer.beta1", Double(o.beta1), 0...1, false),
        ("training.optimizer.beta2", Double(o.beta2), 0...1, false),
        ("training.optimizer.epsilon", Double(o.epsilon), any, true),
        ("training.optimizer.l2", Double(o.l2), any, false),
        ("training.optimizer.embeddingL2", Double(o.embeddingL2), any, false),
        ("training.optimizer.clipNorm", Double(o.clipNorm), any, false),
        ("training.samplesPerSecond", t.samplesPerSecond, any, false),
        ("training.seconds", t.seconds, any, false),
      ]
    }
    for (name, report) in [("validation", validation), ("test", test)] {
      for (k, slice) in (report?.slices ?? []).enumerated() {
        let metrics: [(String, Double?, ClosedRange<Double>)] = [
          ("auc", slice.auc, 0...1), ("gauc", slice.gauc, 0...1), ("logLoss", slice.logLoss, any),
          ("oracleAUC", slice.oracleAUC, 0...1), ("oracleGAUC", slice.oracleGAUC, 0...1),
        ]
        for case (let metric, let value?, let range) in metrics {
          checks.append(("\(name).slices[\(k)].\(metric)", value, range, false))
        }
      }
    }
    for (field, value, range, open) in checks {
      if let problem = outside(field, value, range, open: open) { return problem }
    }
    return nil
  }
}
