import PepnetNumerics

/// A fully connected layer `y = x W + b` with W stored `inputs x outputs` (row-major), so the
/// forward pass is one GEMM without transposes.
public final class Dense {
  public let weight: Parameter
  public let bias: Parameter
  public var inputs: Int { weight.value.rows }
  public var outputs: Int { weight.value.cols }

  public init(name: String, inputs: Int, outputs: Int, rng: inout SeededRNG) {
    weight = Parameter(name: name + ".weight", rows: inputs, cols: outputs)
    bias = Parameter(name: name + ".bias", rows: 1, cols: outputs)
    let bound = 1 / Float(inputs).squareRoot()
    weight.initUniform(bound: bound, rng: &rng)
    bias.initUniform(bound: bound, rng: &rng)
  }

  public var parameters: [Parameter] { [weight, bias] }

  /// `y = x W + b`. The bias is written first and the GEMM accumulates onto it (beta = 1), which
  /// saves OpenBLAS's zeroing pass over y and a separate bias pass. Inside a `BF16Inference` pass
  /// that holds W's bf16 copy, or an `FP32Inference` pass, one oneDNN matmul with the bias fused
  /// computes it instead.
  public func forward(_ x: MatrixView, into y: MatrixView) {
    if let training = BF16Training.current, let w = training.weights[weight.value] {
      training.gemm.forward(x, w.plain, bias: bias.value.data, into: y)
      return
    }
    if let pass = BF16Inference.current, let w = pass.weights[weight.value] {
      pass.matmul.multiply(x, w, bias: bias.value.data, into: y)
      return
    }
    if let pass = FP32Inference.current {
      pass.matmul.multiply(x, weight.value, bias: bias.value.data, into: y)
      return
    }
    let b = bias.value.data
    for r in 0..<y.rows { (y.data + r * y.stride).update(from: b, count: y.cols) }
    gemm(x, weight.value.view, into: y, beta: 1)
  }

  /// Inside a oneDNN inference pass: `y = epilogue(x W + b)`, one oneDNN matmul with the bias fused
  /// and the epilogue as `OneDNNMatmul.Shape` places it, and true. With `gate`, `(gate ⊙ x) W + b`:
  /// a `BF16Inference` pass multiplies the gate in the input's bf16 conversion; an `FP32Inference`
  /// pass has no such step and returns false. Otherwise false, with nothing done: the caller runs its own gate multiply,
  /// `forward` (or this without the gate) and the activation, the OpenBLAS path unchanged.
  public func forwardFused(
    _ x: MatrixView, into y: MatrixView, epilogue: MatmulEpilogue, gate: MatrixView? = nil
  ) -> Bool {
    if let pass = BF16Inference.current, let w = pass.weights[weight.value] {
      pass.matmul.multiply(x, w, bias: bias.value.data, into: y, epilogue: epilogue, gate: gate)
      return true
    }
    if gate == nil, let pass = FP32Inference.current {
      pass.matmul.multiply(x, weight.value, bias: bias.value.data, into: y, epilogue: epilogue)
      return true
    }
    return false
  }

  /// Accumulates `dW += x^T dy`, `db += colsum(dy)`, and writes (or adds) `dx = dy W^T` when asked.
  /// Pass `inputRows` to compute the input gradient for a block of W's rows only (a slice of x's
  /// columns), as the gates do when part of their input is behind a stop-gradient. Inside a
  /// `BF16Training` pass that holds W, both GEMMs take bf16 operands (fp32 accumulation); the bias
  /// gradient stays an fp32 sum.
  public func backward(
    input x: MatrixView, outputGradient dy: MatrixView, inputGradient dx: MatrixView?,
    accumulateInputGradient: Bool = false, inputRows: Range<Int>? = nil
  ) {
    if let training = BF16Training.current, let w = training.weights[weight.value] {
      training.gemm.weightGradient(x, dy, accumulatingInto: weight.grad.view)
      Kernels.columnSums(dy, into: bias.grad.data, accumulate: true)
      if let dx {
        training.gemm.inputGradient(
          dy, w.transposed, columns: inputRows ?? 0..<inputs, into: dx, accumulate: accumulateInputGradient)
      }
      return
    }
    gemm(x, dy, into: weight.grad.view, transA: .transposed, beta: 1)
    Kernels.columnSums(dy, into: bias.grad.data, accumulate: true)
    if let dx {
      let rows = inputRows ?? 0..<inputs
      let w = weight.value.view.rows(rows.lowerBound, rows.count)
      gemm(dy, w, into: dx, transB: .transposed, beta: accumulateInputGradient ? 1 : 0)
    }
  }
}
