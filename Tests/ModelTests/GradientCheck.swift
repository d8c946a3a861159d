import PepnetNumerics

@testable import PepnetModel

/// Central finite differences against analytic gradients.
///
/// Float32 forward passes carry ~1e-7 relative noise, which a small step amplifies, while ReLU
/// kinks spoil a large step. So each entry is differenced twice: with a fourth-order stencil of
/// h = 1e-2 (low noise and truncation error, checked tightly) and, only where the two estimates disagree because a kink lies within 1e-2, with
/// h = 1e-3 (checked more loosely, or against a one-sided slope when the kink is inside that too).
struct GradientMismatch: CustomStringConvertible {
  var name: String
  var index: Int
  var analytic: Double
  var numeric: Double
  var description: String { "\(name)[\(index)]: analytic \(analytic) vs numeric \(numeric)" }
}

func agree(_ a: Double, _ n: Double, absTol: Double = 2e-5, relTol: Double = 2e-2) -> Bool {
  abs(a - n) <= absTol + relTol * max(abs(a), abs(n))
}

/// Checks every entry of `values` (a buffer the objective reads) against `analytic`.
func checkEntries(
  name: String, values: UnsafeMutablePointer<Float>, count: Int, analytic: [Float], objective: () -> Double
) -> [GradientMismatch] {
  var bad: [GradientMismatch] = []
  for i in 0..<count {
    let saved = values[i]
    func at(_ delta: Float) -> Double {
      values[i] = saved + delta
      defer { values[i] = saved }
      return objective()
    }
    let a = Double(analytic[i])
    // Fourth-order central stencil: truncation error ~h^4, so h = 1e-2 is both accurate and quiet.
    let large = (-at(2e-2) + 8 * at(1e-2) - 8 * at(-1e-2) + at(-2e-2)) / 12e-2
    if agree(a, large) { continue }
    let up = at(1e-3)
    let down = at(-1e-3)
    let center = at(0)
    let small = (up - down) / 2e-3
    let kinkWithinLargeStep = !agree(large, small, absTol: 2e-6, relTol: 1e-2)
    let right = (up - center) / 1e-3
    let left = (center - down) / 1e-3
    let kinkWithinSmallStep = !agree(left, right, absTol: 2e-6, relTol: 1e-2)
    let ok =
      kinkWithinLargeStep
      && (agree(a, small, absTol: 1e-5)
        || (kinkWithinSmallStep && (agree(a, left, absTol: 1e-5) || agree(a, right, absTol: 1e-5))))
    if !ok { bad.append(GradientMismatch(name: name, index: i, analytic: a, numeric: large)) }
  }
  return bad
}

/// A fixed random linear read-out `sum(c * y)` used as the objective for layer checks.
struct Readout {
  let coefficients: Matrix
  init(rows: Int, cols: Int, rng: inout SeededRNG) {
    coefficients = Matrix(rows: rows, cols: cols)
    for i in 0..<coefficients.count { coefficients.data[i] = rng.normal() }
  }
  func value(_ y: MatrixView) -> Double {
    var s = 0.0
    for r in 0..<y.rows { for c in 0..<y.cols { s += Double(coefficients[r, c]) * Double(y[r, c]) } }
    return s
  }
}

func randomMatrix(rows: Int, cols: Int, rng: inout SeededRNG, scale: Float = 1) -> Matrix {
  let m = Matrix(rows: rows, cols: cols)
  for i in 0..<m.count { m.data[i] = rng.normal() * scale }
  return m
}

/// A small PEPNet configuration with every kind of field, for whole-model checks.
func smallConfig(
  architecture: Architecture = .pepnet, granularity: EPNetGranularity = .elementwise,
  placement: PPNetPlacement = .pre, gating: PPNetTaskGating = .sharedSplit, gateFinal: Bool = true
) -> ModelConfig {
  ModelConfig(
    architecture: architecture,
    fields: [
      FieldSpec(name: "user", vocabularySize: 5, role: .general, isPrior: true),
      FieldSpec(name: "item", vocabularySize: 6, role: .general, isPrior: true),
      FieldSpec(name: "context", vocabularySize: 3, role: .general),
      FieldSpec(name: "author", vocabularySize: 4, role: .general, isPrior: true),
      FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
      FieldSpec(name: "user_domain_stat", vocabularySize: 4, role: .domainSide),
    ],
    tasks: ["like", "follow"], embeddingDim: 3, tower: [5, 4], epnetGateHidden: 4, ppnetGateHidden: 4,
    gamma: 2, epnetGranularity: granularity, ppnetPlacement: placement, ppnetTaskGating: gating,
    ppnetGateFinalLayer: gateFinal, expertCount: 2, expertHidden: [5])
}

/// A random batch for `config` with labels, one missing label, and repeated ids (so sparse
/// gradients accumulate across samples).
func randomBatch(config: ModelConfig, count: Int, rng: inout SeededRNG) -> Batch {
  let batch = Batch.random(config: config, count: count, positiveRate: 0.4, rng: &rng)
  batch.labelMask[0, config.taskCount - 1] = 0
  return batch
}

/// Compares every dense parameter and every embedding entry of `model` with finite differences
/// of the multi-task loss.
func checkWholeModel(_ model: RecommenderModel, batch: Batch, taskWeights: [Float]) -> [GradientMismatch] {
  let loss = MultiTaskLoss(taskWeights: taskWeights)
  let gradient = Matrix(rows: 0, cols: model.config.taskCount)
  for p in model.parameters { p.grad.zero() }
  for t in model.embeddingTables { t.clearGradients() }
  let logits = model.forward(batch)
  loss.evaluate(logits: logits, labels: batch.labels, mask: batch.labelMask, gradient: gradient)
  model.backward(batch, logitGradient: gradient)
  let objective = {
    loss.evaluate(logits: model.forward(batch), labels: batch.labels, mask: batch.labelMask, gradient: nil)
  }
  var bad: [GradientMismatch] = []
  for p in model.parameters {
    bad += checkEntries(
      name: p.name, values: p.value.data, count: p.value.count, analytic: p.grad.toArray(),
      objective: objective)
  }
  for table in model.embeddingTables {
    var analytic: [Float] = []
    for row in 0..<table.vocabularySize { analytic += table.gradient(row: row) }
    bad += checkEntries(
      name: table.name, values: table.weights.data, count: table.weights.count, analytic: analytic,
      objective: objective)
  }
  return bad
}

/// The whole model's mismatches against finite differences with its stop-gradient inputs frozen
/// at their values from one forward pass, on a random batch of 7 (`PEPNet`'s stop-gradient checks).
func frozenStopGradientMismatches(_ model: PEPNet) -> [GradientMismatch] {
  var rng = SeededRNG(seed: 12)
  let batch = randomBatch(config: model.config, count: 7, rng: &rng)
  _ = model.forward(batch)
  model.freezeStopGradientInputs(true)
  return checkWholeModel(model, batch: batch, taskWeights: [1, 0.7])
}
