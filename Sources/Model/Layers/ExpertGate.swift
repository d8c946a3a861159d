import PepnetNumerics

/// A softmax gate that mixes expert outputs: `w = softmax(x W + b)`, `mix = sum_k w_k * expert_k`.
/// Used by MMoE (one per task over all experts) and PLE (one per task over its own and the shared
/// experts).
public final class ExpertGate {
  public let logitsLayer: Dense
  public let expertCount: Int
  /// Mixing weights, `batch x expertCount`.
  public let weights: Matrix
  /// The mixture, `batch x expertWidth`.
  public let mixture: Matrix
  private let weightGradient: Matrix

  public init(name: String, inputs: Int, expertCount: Int, expertWidth: Int, rng: inout SeededRNG) {
    logitsLayer = Dense(name: name, inputs: inputs, outputs: expertCount, rng: &rng)
    self.expertCount = expertCount
    weights = Matrix(rows: 0, cols: expertCount)
    mixture = Matrix(rows: 0, cols: expertWidth)
    weightGradient = Matrix(rows: 0, cols: expertCount)
  }

  public var parameters: [Parameter] { logitsLayer.parameters }

  public func forward(input x: MatrixView, experts: [Matrix]) {
    let rows = x.rows
    weights.resize(rows: rows)
    mixture.resize(rows: rows)
    logitsLayer.forward(x, into: weights.view)
    for r in 0..<rows {
      let w = weights.row(r)
      var top = -Float.infinity
      for k in 0..<expertCount { top = max(top, w[k]) }
      var sum: Float = 0
      for k in 0..<expertCount {
        w[k] = expf(w[k] - top)
        sum += w[k]
      }
      for k in 0..<expertCount { w[k] /= sum }
    }
    mixture.zero()
    for (k, expert) in experts.enumerated() {
      for r in 0..<rows { Kernels.axpy(weights[r, k], expert.row(r), mixture.row(r), count: mixture.cols) }
    }
  }

  /// From dLoss/dMixture: adds into each expert's output gradient and the gate's input gradient.
  public func backward(
    input x: MatrixView, experts: [Matrix], mixtureGradient dMix: Matrix, expertGradients: [Matrix],
    inputGradient dx: MatrixView
  ) {
    let rows = x.rows
    weightGradient.resize(rows: rows)
    for (k, expert) in experts.enumerated() {
      for r in 0..<rows {
        Kernels.axpy(weights[r, k], dMix.row(r), expertGradients[k].row(r), count: dMix.cols)
        var dot: Float = 0
        let e = expert.row(r)
        let d = dMix.row(r)
        for j in 0..<dMix.cols { dot += e[j] * d[j] }
        weightGradient[r, k] = dot
      }
    }
    // Softmax backward: dz_k = w_k (dw_k - sum_j w_j dw_j).
    for r in 0..<rows {
      let w = weights.row(r)
      let g = weightGradient.row(r)
      var s: Float = 0
      for k in 0..<expertCount { s += w[k] * g[k] }
      for k in 0..<expertCount { g[k] = w[k] * (g[k] - s) }
    }
    logitsLayer.backward(
      input: x, outputGradient: weightGradient.view, inputGradient: dx, accumulateInputGradient: true)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
