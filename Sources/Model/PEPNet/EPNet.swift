import PepnetNumerics

/// EPNet: personalises the general embeddings per domain.
///
/// `delta = GateNU([E_domain, stopgrad(E)])`, `O_ep = delta ⊗ E`. With element-wise granularity the
/// gate has one value per embedding element; field-wise, one per field broadcast over its elements.
public final class EPNet {
  public let gate: GateNU
  public let granularity: EPNetGranularity
  public let fieldCount: Int
  public let dim: Int
  public let stopGradient: Bool
  let domainSideWidth: Int
  /// `[E_domain | E]`, the gate's input.
  let gateInput: Matrix
  /// `O_ep`, the personalised embeddings.
  public let output: Matrix
  private let gateGradient: Matrix
  private let gateInputGradient: Matrix
  /// Test hook: keep the stop-gradient copy of E from the previous forward, so that finite
  /// differences see it as the constant it is to back-propagation.
  var freezeStopGradientInput = false
  /// A gate row used for every row instead of the gate's output (`PEPNet.gateOverride`).
  var gateOverride: [Float]? {
    didSet { precondition(gateOverride.map { $0.count == gate.outputWidths[0] } ?? true, "EPNet gate width") }
  }

  init(config: ModelConfig, domainSideWidth: Int, rng: inout SeededRNG) {
    granularity = config.epnetGranularity
    fieldCount = config.generalFields.count
    dim = config.embeddingDim
    stopGradient = config.stopGradient
    self.domainSideWidth = domainSideWidth
    let generalWidth = fieldCount * dim
    let gateWidth = granularity == .elementwise ? generalWidth : fieldCount
    gate = GateNU(
      name: "epnet.gate", inputs: domainSideWidth + generalWidth, hidden: config.epnetGateHidden,
      outputWidths: [gateWidth], gamma: config.gamma, rng: &rng)
    gateInput = Matrix(rows: 0, cols: domainSideWidth + generalWidth)
    output = Matrix(rows: 0, cols: generalWidth)
    gateGradient = Matrix(rows: 0, cols: gateWidth)
    gateInputGradient = Matrix(rows: 0, cols: domainSideWidth + generalWidth)
  }

  /// The gate values of the last forward, `batch x (fields*dim or fields)`.
  public var gateValues: Matrix { gate.gateValues[0] }

  func forward(general e: Matrix, domainSide ed: Matrix) {
    let rows = e.rows
    let generalWidth = e.cols
    gateInput.resize(rows: rows)
    output.resize(rows: rows)
    Kernels.copy(ed.view, into: gateInput.columns(0, domainSideWidth))
    if !freezeStopGradientInput {
      Kernels.copy(e.view, into: gateInput.columns(domainSideWidth, generalWidth))
    }
    gate.forward(gateInput.view)
    let delta = gate.gateValues[0]
    if let gateOverride {
      gateOverride.withUnsafeBufferPointer { g in
        for r in 0..<rows { delta.row(r).update(from: g.baseAddress!, count: g.count) }
      }
    }
    switch granularity {
    case .elementwise:
      Kernels.multiply(delta.data, e.data, output.data, count: rows * generalWidth)
    case .fieldwise:
      for r in 0..<rows {
        let g = delta.row(r)
        let src = e.row(r)
        let dst = output.row(r)
        for f in 0..<fieldCount {
          let s = g[f]
          for j in 0..<dim { dst[f * dim + j] = s * src[f * dim + j] }
        }
      }
    }
  }

  /// From dLoss/dO_ep: writes dLoss/dE (the `O_ep` path, plus the gate-input path when the
  /// stop-gradient is off) into `generalGradient`, and dLoss/dE_domain into `domainSideGradient`.
  func backward(
    general e: Matrix, outputGradient dOut: Matrix, generalGradient dE: Matrix, domainSideGradient dEd: Matrix
  ) {
    let rows = e.rows
    let generalWidth = e.cols
    let delta = gate.gateValues[0]
    gateGradient.resize(rows: rows)
    switch granularity {
    case .elementwise:
      Kernels.multiply(dOut.data, delta.data, dE.data, count: rows * generalWidth)
      Kernels.multiply(dOut.data, e.data, gateGradient.data, count: rows * generalWidth)
    case .fieldwise:
      for r in 0..<rows {
        let g = delta.row(r)
        let dg = gateGradient.row(r)
        let src = e.row(r)
        let d = dOut.row(r)
        let de = dE.row(r)
        for f in 0..<fieldCount {
          var acc: Float = 0
          for j in 0..<dim {
            let k = f * dim + j
            de[k] = d[k] * g[f]
            acc += d[k] * src[k]
          }
          dg[f] = acc
        }
      }
    }
    gateInputGradient.resize(rows: rows)
    let width = stopGradient ? domainSideWidth : domainSideWidth + generalWidth
    gate.backward(
      input: gateInput.view, gateGradients: [gateGradient.view],
      inputGradient: gateInputGradient.columns(0, width), inputColumns: 0..<width)
    Kernels.copy(gateInputGradient.columns(0, domainSideWidth), into: dEd.view)
    if !stopGradient {
      let viaGate = gateInputGradient.columns(domainSideWidth, generalWidth)
      for r in 0..<rows { Kernels.axpy(1, viaGate.data + r * viaGate.stride, dE.row(r), count: generalWidth) }
    }
  }
}
