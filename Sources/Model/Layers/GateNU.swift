import PepnetNumerics

/// The Gate Neural Unit of PEPNet: `delta = gamma * sigmoid(relu(x W + b) W' + b')`.
///
/// A `GateNU` holds one or more gate units that read the *same* input (PPNet has one per tower
/// layer, or per task and layer). Their first layers are fused into one Dense of width
/// `units * hidden`, so the shared input is read by a single GEMM; each unit then has its own
/// output Dense on its slice of the hidden activations. With one unit this is exactly the
/// paper's Gate NU.
public final class GateNU {
  public let gamma: Float
  public let hiddenWidth: Int
  public let outputWidths: [Int]
  public let hidden: Dense
  public let outputs: [Dense]

  // Buffers, resized per batch shape and reused.
  private let hiddenActivations: Matrix
  private let hiddenGradient: Matrix
  /// Gate values per unit, `batch x outputWidths[k]`.
  public let gateValues: [Matrix]
  private let preActivationGradient: [Matrix]

  public init(
    name: String, inputs: Int, hidden hiddenWidth: Int, outputWidths: [Int], gamma: Float,
    rng: inout SeededRNG
  ) {
    self.gamma = gamma
    self.hiddenWidth = hiddenWidth
    self.outputWidths = outputWidths
    hidden = Dense(
      name: name + ".hidden", inputs: inputs, outputs: hiddenWidth * outputWidths.count, rng: &rng)
    outputs = outputWidths.enumerated().map { k, width in
      Dense(name: name + ".out\(k)", inputs: hiddenWidth, outputs: width, rng: &rng)
    }
    hiddenActivations = Matrix(rows: 0, cols: hiddenWidth * outputWidths.count)
    hiddenGradient = Matrix(rows: 0, cols: hiddenWidth * outputWidths.count)
    gateValues = outputWidths.map { Matrix(rows: 0, cols: $0) }
    preActivationGradient = outputWidths.map { Matrix(rows: 0, cols: $0) }
  }

  public var parameters: [Parameter] { hidden.parameters + outputs.flatMap(\.parameters) }

  /// Sets every unit's output layer (weights and bias) to zero, so that every gate starts at
  /// exactly `gamma * sigmoid(0) = gamma / 2` (1, neutral, for the paper's gamma of 2) whatever
  /// the input, and training moves it only by the deviation it learns (`GateInit.zero`).
  public func zeroOutputLayers() {
    for layer in outputs {
      layer.weight.value.zero()
      layer.bias.value.zero()
    }
  }
  public var inputs: Int { hidden.inputs }

  /// Computes every unit's gate for the batch `x` into `gateValues`.
  public func forward(_ x: MatrixView) {
    let rows = x.rows
    hiddenActivations.resize(rows: rows)
    // In a oneDNN pass each GEMM runs with its activation fused (one matmul); else OpenBLAS.
    if !hidden.forwardFused(x, into: hiddenActivations.view, epilogue: .relu) {
      hidden.forward(x, into: hiddenActivations.view)
      ReLU.forward(hiddenActivations.view, into: hiddenActivations.view)
    }
    for k in 0..<outputs.count {
      gateValues[k].resize(rows: rows)
      let slice = hiddenActivations.columns(k * hiddenWidth, hiddenWidth)
      if !outputs[k].forwardFused(slice, into: gateValues[k].view, epilogue: .scaledSigmoid(gamma)) {
        outputs[k].forward(slice, into: gateValues[k].view)
        Sigmoid.forward(gateValues[k].view, into: gateValues[k].view, scale: gamma)
      }
    }
  }

  /// Back-propagates `gateGradients[k]` (dLoss/dDelta of unit k, `batch x outputWidths[k]`) into the
  /// parameters, and into `inputGradient` for the input columns `inputColumns` when given (the
  /// columns behind a stop-gradient are simply not asked for).
  public func backward(
    input x: MatrixView, gateGradients: [MatrixView], inputGradient: MatrixView?,
    inputColumns: Range<Int>? = nil, accumulateInputGradient: Bool = false
  ) {
    let rows = x.rows
    hiddenGradient.resize(rows: rows)
    for k in 0..<outputs.count {
      let dPre = preActivationGradient[k]
      dPre.resize(rows: rows)
      Sigmoid.backward(
        output: gateValues[k].view, outputGradient: gateGradients[k], into: dPre.view, scale: gamma)
      outputs[k].backward(
        input: hiddenActivations.columns(k * hiddenWidth, hiddenWidth), outputGradient: dPre.view,
        inputGradient: hiddenGradient.columns(k * hiddenWidth, hiddenWidth))
    }
    ReLU.backward(
      output: hiddenActivations.view, outputGradient: hiddenGradient.view, into: hiddenGradient.view)
    hidden.backward(
      input: x, outputGradient: hiddenGradient.view, inputGradient: inputGradient,
      accumulateInputGradient: accumulateInputGradient, inputRows: inputColumns)
  }
}
