import PepnetNumerics
import Testing

@testable import PepnetModel

/// Finite-difference checks of each layer's backward pass on its own.
@Suite struct LayerGradientTests {
  @Test func denseGradientsMatchFiniteDifferences() {
    var rng = SeededRNG(seed: 1)
    let layer = Dense(name: "d", inputs: 4, outputs: 3, rng: &rng)
    let x = randomMatrix(rows: 5, cols: 4, rng: &rng)
    let y = Matrix(rows: 5, cols: 3)
    let readout = Readout(rows: 5, cols: 3, rng: &rng)
    let dx = Matrix(rows: 5, cols: 4)
    layer.forward(x.view, into: y.view)
    layer.backward(input: x.view, outputGradient: readout.coefficients.view, inputGradient: dx.view)
    let objective = {
      layer.forward(x.view, into: y.view)
      return readout.value(y.view)
    }
    var bad = checkEntries(
      name: "x", values: x.data, count: x.count, analytic: dx.toArray(), objective: objective)
    for p in layer.parameters {
      bad += checkEntries(
        name: p.name, values: p.value.data, count: p.value.count, analytic: p.grad.toArray(),
        objective: objective)
    }
    #expect(bad.isEmpty, "\(bad.prefix(5))")
  }

  @Test func reluAndSigmoidGradientsMatchFiniteDifferences() {
    var rng = SeededRNG(seed: 2)
    // Keep inputs away from ReLU's kink so the finite difference is smooth.
    let x = randomMatrix(rows: 4, cols: 6, rng: &rng)
    for i in 0..<x.count where abs(x.data[i]) < 0.05 { x.data[i] += 0.1 }
    let readout = Readout(rows: 4, cols: 6, rng: &rng)
    let y = Matrix(rows: 4, cols: 6)
    let dx = Matrix(rows: 4, cols: 6)
    for kind in ["relu", "sigmoid", "gamma-sigmoid"] {
      let forward = {
        switch kind {
        case "relu": ReLU.forward(x.view, into: y.view)
        case "sigmoid": Sigmoid.forward(x.view, into: y.view)
        default: Sigmoid.forward(x.view, into: y.view, scale: 2)
        }
      }
      forward()
      switch kind {
      case "relu": ReLU.backward(output: y.view, outputGradient: readout.coefficients.view, into: dx.view)
      case "sigmoid":
        Sigmoid.backward(output: y.view, outputGradient: readout.coefficients.view, into: dx.view)
      default:
        Sigmoid.backward(output: y.view, outputGradient: readout.coefficients.view, into: dx.view, scale: 2)
      }
      let bad = checkEntries(name: kind, values: x.data, count: x.count, analytic: dx.toArray()) {
        forward()
        return readout.value(y.view)
      }
      #expect(bad.isEmpty, "\(kind): \(bad.prefix(5))")
    }
  }

  @Test func gateNUGradientsMatchFiniteDifferencesForSeveralUnits() {
    var rng = SeededRNG(seed: 3)
    let gate = GateNU(name: "g", inputs: 5, hidden: 4, outputWidths: [3, 2], gamma: 2, rng: &rng)
    let x = randomMatrix(rows: 6, cols: 5, rng: &rng)
    let readouts = [Readout(rows: 6, cols: 3, rng: &rng), Readout(rows: 6, cols: 2, rng: &rng)]
    let dx = Matrix(rows: 6, cols: 5)
    gate.forward(x.view)
    gate.backward(input: x.view, gateGradients: readouts.map(\.coefficients.view), inputGradient: dx.view)
    let objective = {
      gate.forward(x.view)
      return readouts[0].value(gate.gateValues[0].view) + readouts[1].value(gate.gateValues[1].view)
    }
    var bad = checkEntries(
      name: "x", values: x.data, count: x.count, analytic: dx.toArray(), objective: objective)
    for p in gate.parameters {
      bad += checkEntries(
        name: p.name, values: p.value.data, count: p.value.count, analytic: p.grad.toArray(),
        objective: objective)
    }
    #expect(bad.isEmpty, "\(bad.prefix(5))")
    // Gate values lie in (0, gamma).
    #expect(gate.gateValues[0].toArray().allSatisfy { $0 > 0 && $0 < 2 })
  }

  @Test func gateNUInputGradientForAColumnBlockOnly() {
    var rng = SeededRNG(seed: 4)
    let gate = GateNU(name: "g", inputs: 5, hidden: 3, outputWidths: [2], gamma: 2, rng: &rng)
    let x = randomMatrix(rows: 3, cols: 5, rng: &rng)
    let readout = Readout(rows: 3, cols: 2, rng: &rng)
    let full = Matrix(rows: 3, cols: 5)
    let block = Matrix(rows: 3, cols: 2)
    gate.forward(x.view)
    gate.backward(input: x.view, gateGradients: [readout.coefficients.view], inputGradient: full.view)
    gate.backward(
      input: x.view, gateGradients: [readout.coefficients.view], inputGradient: block.view,
      inputColumns: 1..<3)
    for r in 0..<3 {
      for c in 0..<2 { #expect(abs(block[r, c] - full[r, c + 1]) < 1e-6) }
    }
  }

  @Test func embeddingGradientsAccumulateOnTouchedRowsOnly() {
    var rng = SeededRNG(seed: 5)
    let table = EmbeddingTable(name: "e", vocabularySize: 6, dim: 2, rng: &rng)
    let ids: [Int32] = [1, 4, 1]
    let out = Matrix(rows: 3, cols: 2)
    let readout = Readout(rows: 3, cols: 2, rng: &rng)
    ids.withUnsafeBufferPointer { p in
      table.gather(ids: p.baseAddress!, idStride: 1, idOffset: 0, count: 3, into: out.view, column: 0)
      table.scatterGradient(
        ids: p.baseAddress!, idStride: 1, idOffset: 0, count: 3, from: readout.coefficients.view, column: 0)
    }
    #expect(Set(table.touchedRows) == [1, 4])
    var analytic: [Float] = []
    for row in 0..<6 { analytic += table.gradient(row: row) }
    let bad = checkEntries(
      name: "e", values: table.weights.data, count: table.weights.count, analytic: analytic
    ) {
      ids.withUnsafeBufferPointer { p in
        table.gather(ids: p.baseAddress!, idStride: 1, idOffset: 0, count: 3, into: out.view, column: 0)
      }
      return readout.value(out.view)
    }
    #expect(bad.isEmpty, "\(bad)")
    table.clearGradients()
    #expect(table.touchedRows.isEmpty)
    #expect(table.gradient(row: 1) == [0, 0])
  }

  @Test func lossGradientMatchesFiniteDifferencesAndIsStable() {
    var rng = SeededRNG(seed: 6)
    let logits = randomMatrix(rows: 4, cols: 3, rng: &rng, scale: 3)
    let labels = Matrix(rows: 4, cols: 3, values: [1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0])
    let mask = Matrix(rows: 4, cols: 3)
    mask.fill(1)
    mask[2, 1] = 0
    let loss = MultiTaskLoss(taskWeights: [1, 0.5, 2])
    let gradient = Matrix(rows: 4, cols: 3)
    loss.evaluate(logits: logits, labels: labels, mask: mask, gradient: gradient)
    let bad = checkEntries(
      name: "logits", values: logits.data, count: logits.count, analytic: gradient.toArray()
    ) {
      loss.evaluate(logits: logits, labels: labels, mask: mask, gradient: nil)
    }
    #expect(bad.isEmpty, "\(bad)")
    #expect(gradient[2, 1] == 0)
    // Extreme logits stay finite: log(1 + e^100) for a wrong label is 100, not inf.
    let extreme = Matrix(rows: 1, cols: 3, values: [100, -100, 0])
    let value = loss.evaluate(
      logits: extreme, labels: Matrix(rows: 1, cols: 3, values: [0, 0, 1]),
      mask: Matrix(rows: 1, cols: 3, values: [1, 1, 1]), gradient: nil)
    // 1*100 + 0.5*~0 + 2*log 2
    #expect(abs(value - (100 + 2 * 0.693_147_18)) < 1e-3)
  }
}
