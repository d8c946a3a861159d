import PepnetNumerics

/// PPNet and the task towers: one DNN tower per task whose layers are gated by Gate NUs fed with
/// the personalised prior `[E_user, E_item, E_author]` and `stopgrad(O_ep)`.
///
/// Options (see `ModelConfig`): placement `pre` multiplies a layer's input by the gate (paper),
/// `post` its activated output; task gating `sharedSplit` has one Gate NU per layer whose output is
/// split across the tasks (paper), `perTask` one Gate NU per task and layer; the final logit layer
/// is gated or not. With `gated == false` these are plain towers (the EPNet-only ablation).
/// `towerMaskedColumns` (the `pepnet-prior-gates-only` ablation) are columns of the input that the
/// towers see as zeros, forward and backward, while the gates still read the whole input.
public final class PPNet {
  public let taskCount: Int
  /// Layer widths: `[input, hidden..., 1]`.
  public let dims: [Int]
  public let placement: PPNetPlacement
  public let taskGating: PPNetTaskGating
  public let gatesFinalLayer: Bool
  public let stopGradient: Bool
  public let stopGradientPrior: Bool
  /// Nil for ungated towers.
  public let gate: GateNU?
  /// `layers[task][layer]`.
  public let layers: [[Dense]]
  let priorWidth: Int
  let inputWidth: Int
  /// Column ranges of the input set to zero in the towers' copy of it (none: the towers read it as is).
  public let towerMaskedColumns: [Range<Int>]

  /// `[prior | stopgrad(O_ep)]`.
  let gateInput: Matrix
  private let gateInputGradient: Matrix
  /// dLoss/dGate per gate unit, same shapes as the gate values.
  private let gateGradients: [Matrix]
  /// Pre-gated inputs `gate ⊗ h` per task and layer (pre placement, gated layers only).
  private let gatedInputs: [[Matrix]]
  /// Layer outputs after activation, per task and layer.
  private let activations: [[Matrix]]
  /// Post-gated outputs per task and layer (post placement, gated layers only).
  private let gatedOutputs: [[Matrix]]
  /// The towers' input when columns are masked: the input with `towerMaskedColumns` zeroed.
  private let maskedTowerInput: Matrix
  /// dLoss/d(maskedTowerInput), summed over the tasks, before the mask's backward zeroes its columns.
  private let maskedTowerInputGradient: Matrix
  /// Scratch gradients per layer: w.r.t. its output and its input.
  private let outputGradients: [Matrix]
  private let inputGradients: [Matrix]
  /// Logits, `batch x taskCount`.
  public let logits: Matrix
  var freezeStopGradientInput = false
  /// Gates per task and gated layer used for every row instead of the gate's output
  /// (`PEPNet.gateOverride`).
  var gateOverride: [[[Float]]]? {
    didSet {
      guard let gateOverride else { return }
      precondition(gate != nil && gateOverride.count == taskCount, "PPNet gates per task")
      for layers in gateOverride {
        precondition(layers.count == gatedLayerCount, "PPNet gates per gated layer")
        for (l, units) in layers.enumerated() {
          precondition(units.count == (placement == .pre ? dims[l] : dims[l + 1]), "PPNet gate width")
        }
      }
    }
  }

  init(
    config: ModelConfig, inputWidth: Int, priorWidth: Int, gated: Bool, towerMaskedColumns: [Range<Int>] = [],
    rng: inout SeededRNG
  ) {
    precondition(towerMaskedColumns.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= inputWidth })
    let dims = [inputWidth] + config.tower + [1]
    taskCount = config.taskCount
    self.dims = dims
    placement = config.ppnetPlacement
    taskGating = config.ppnetTaskGating
    gatesFinalLayer = config.ppnetGateFinalLayer
    stopGradient = config.stopGradient
    stopGradientPrior = config.stopGradientPrior
    self.priorWidth = priorWidth
    self.inputWidth = inputWidth
    self.towerMaskedColumns = towerMaskedColumns
    let layerCount = dims.count - 1
    let gatedLayerCount = gated ? (config.ppnetGateFinalLayer ? layerCount : layerCount - 1) : 0
    let gateWidths = (0..<gatedLayerCount).map { l in config.ppnetPlacement == .pre ? dims[l] : dims[l + 1] }
    if gated {
      let unitWidths: [Int] =
        config.ppnetTaskGating == .sharedSplit
        ? gateWidths.map { $0 * config.taskCount }
        : (0..<config.taskCount).flatMap { _ in gateWidths }
      gate = GateNU(
        name: "ppnet.gate", inputs: priorWidth + inputWidth, hidden: config.ppnetGateHidden,
        outputWidths: unitWidths, gamma: config.gamma, rng: &rng)
      gateGradients = unitWidths.map { Matrix(rows: 0, cols: $0) }
    } else {
      gate = nil
      gateGradients = []
    }
    layers = config.tasks.enumerated().map { t, _ in
      (0..<layerCount).map { l in
        Dense(name: "tower\(t).layer\(l)", inputs: dims[l], outputs: dims[l + 1], rng: &rng)
      }
    }
    gateInput = Matrix(rows: 0, cols: priorWidth + inputWidth)
    gateInputGradient = Matrix(rows: 0, cols: priorWidth + inputWidth)
    maskedTowerInput = Matrix(rows: 0, cols: inputWidth)
    maskedTowerInputGradient = Matrix(rows: 0, cols: inputWidth)
    gatedInputs = (0..<config.taskCount).map { _ in (0..<layerCount).map { Matrix(rows: 0, cols: dims[$0]) } }
    activations = (0..<config.taskCount).map { _ in
      (0..<layerCount).map { Matrix(rows: 0, cols: dims[$0 + 1]) }
    }
    gatedOutputs = (0..<config.taskCount).map { _ in
      (0..<layerCount).map { Matrix(rows: 0, cols: dims[$0 + 1]) }
    }
    outputGradients = (0..<layerCount).map { Matrix(rows: 0, cols: dims[$0 + 1]) }
    inputGradients = (0..<layerCount).map { Matrix(rows: 0, cols: dims[$0]) }
    logits = Matrix(rows: 0, cols: config.taskCount)
  }

  public var layerCount: Int { dims.count - 1 }
  public var parameters: [Parameter] {
    (gate?.parameters ?? []) + layers.flatMap { $0.flatMap(\.parameters) }
  }

  /// Whether layer `l` is gated.
  public func isGated(layer l: Int) -> Bool { gate != nil && (l < layerCount - 1 || gatesFinalLayer) }

  /// The gate of (task, layer), a view into the gate unit's output.
  public func gateView(task t: Int, layer l: Int) -> MatrixView {
    guard let gate else { preconditionFailure("ungated towers have no gates") }
    let width = placement == .pre ? dims[l] : dims[l + 1]
    switch taskGating {
    case .sharedSplit: return gate.gateValues[l].columns(t * width, width)
    case .perTask: return gate.gateValues[t * gatedLayerCount + l].view
    }
  }

  private func gateGradientView(task t: Int, layer l: Int) -> MatrixView {
    let width = placement == .pre ? dims[l] : dims[l + 1]
    switch taskGating {
    case .sharedSplit: return gateGradients[l].columns(t * width, width)
    case .perTask: return gateGradients[t * gatedLayerCount + l].view
    }
  }

  private var gatedLayerCount: Int { gate == nil ? 0 : (gatesFinalLayer ? layerCount : layerCount - 1) }

  /// What the towers' first layer reads: `input`, or its copy with the masked columns zeroed.
  private func towerInput(_ input: Matrix) -> MatrixView {
    towerMaskedColumns.isEmpty ? input.view : maskedTowerInput.view
  }

  /// Runs the gates and towers on `input` (O_ep) with the prior columns of `general` (E).
  func forward(input: Matrix, general: Matrix, priorColumns: [Int], fieldDim: Int) {
    let rows = input.rows
    logits.resize(rows: rows)
    if !towerMaskedColumns.isEmpty {
      maskedTowerInput.copy(from: input)
      for range in towerMaskedColumns {
        let masked = maskedTowerInput.columns(range.lowerBound, range.count)
        for r in 0..<rows { (masked.data + r * masked.stride).update(repeating: 0, count: masked.cols) }
      }
    }
    if let gate {
      gateInput.resize(rows: rows)
      for (i, f) in priorColumns.enumerated() {
        Kernels.copy(general.columns(f * fieldDim, fieldDim), into: gateInput.columns(i * fieldDim, fieldDim))
      }
      if !freezeStopGradientInput {
        Kernels.copy(input.view, into: gateInput.columns(priorWidth, inputWidth))
      }
      gate.forward(gateInput.view)
      if let gateOverride {
        for (t, layers) in gateOverride.enumerated() {
          for (l, units) in layers.enumerated() {
            let view = gateView(task: t, layer: l)
            units.withUnsafeBufferPointer { g in
              for r in 0..<rows { (view.data + r * view.stride).update(from: g.baseAddress!, count: g.count) }
            }
          }
        }
      }
    }
    for t in 0..<taskCount {
      var h = towerInput(input)
      for l in 0..<layerCount {
        let gated = isGated(layer: l)
        let out = activations[t][l]
        out.resize(rows: rows)
        let inputGate = gated && placement == .pre ? gateView(task: t, layer: l) : nil
        // Scoring runs one oneDNN matmul with the bias (and at bf16 the input gate) fused.
        let activation: MatmulEpilogue = l < layerCount - 1 ? .relu : .none
        if !layers[t][l].forwardFused(h, into: out.view, epilogue: activation, gate: inputGate) {
          var x = h
          if let inputGate {
            let u = gatedInputs[t][l]
            u.resize(rows: rows)
            multiply(inputGate, h, into: u.view)
            x = u.view
          }
          if !layers[t][l].forwardFused(x, into: out.view, epilogue: activation) {
            layers[t][l].forward(x, into: out.view)
            if l < layerCount - 1 { ReLU.forward(out.view, into: out.view) }
          }
        }
        if gated && placement == .post {
          let g = gatedOutputs[t][l]
          g.resize(rows: rows)
          multiply(gateView(task: t, layer: l), out.view, into: g.view)
          h = g.view
        } else {
          h = out.view
        }
      }
      for r in 0..<rows { logits[r, t] = h[r, 0] }
    }
  }

  /// Back-propagates dLoss/dLogits. Adds dLoss/dInput into `inputGradient` and writes
  /// dLoss/dPrior (prior columns, concatenated) into `priorGradient` when the prior is not stopped.
  func backward(
    input: Matrix, logitGradient: Matrix, inputGradient dInput: Matrix, priorGradient: Matrix
  ) {
    let rows = input.rows
    // With masked columns the towers' input gradient goes to a scratch buffer first, so that the
    // mask's backward (zero for the masked columns) applies to it alone, not to the gates' part.
    let towerInputGradient: Matrix
    if towerMaskedColumns.isEmpty {
      towerInputGradient = dInput
    } else {
      towerInputGradient = maskedTowerInputGradient
      towerInputGradient.resize(rows: rows)
      towerInputGradient.zero()
    }
    for m in gateGradients { m.resize(rows: rows) }
    for m in outputGradients { m.resize(rows: rows) }
    for m in inputGradients { m.resize(rows: rows) }
    for t in 0..<taskCount {
      let top = outputGradients[layerCount - 1]
      for r in 0..<rows { top[r, 0] = logitGradient[r, t] }
      for l in stride(from: layerCount - 1, through: 0, by: -1) {
        let gated = isGated(layer: l)
        let dOut = outputGradients[l].view
        let out = activations[t][l].view
        if gated && placement == .post {
          let g = gateView(task: t, layer: l)
          multiply(dOut, out, into: gateGradientView(task: t, layer: l))
          multiply(dOut, g, into: dOut)
        }
        if l < layerCount - 1 { ReLU.backward(output: out, outputGradient: dOut, into: dOut) }
        let h = l == 0 ? towerInput(input) : layerOutput(task: t, layer: l - 1)
        if gated && placement == .pre {
          let du = inputGradients[l].view
          layers[t][l].backward(input: gatedInputs[t][l].view, outputGradient: dOut, inputGradient: du)
          multiply(du, h, into: gateGradientView(task: t, layer: l))
          let g = gateView(task: t, layer: l)
          if l == 0 {
            multiplyAdd(du, g, into: towerInputGradient.view)
          } else {
            multiply(du, g, into: outputGradients[l - 1].view)
          }
        } else {
          let dh = l == 0 ? towerInputGradient.view : outputGradients[l - 1].view
          layers[t][l].backward(
            input: h, outputGradient: dOut, inputGradient: dh, accumulateInputGradient: l == 0)
        }
      }
    }
    if !towerMaskedColumns.isEmpty { addUnmaskedColumns(of: towerInputGradient, into: dInput) }
    guard let gate else { return }
    let wantPrior = !stopGradientPrior
    let wantInput = !stopGradient
    let columns: Range<Int>? =
      switch (wantPrior, wantInput) {
      case (true, true): 0..<(priorWidth + inputWidth)
      case (true, false): 0..<priorWidth
      case (false, true): priorWidth..<(priorWidth + inputWidth)
      case (false, false): nil
      }
    gateInputGradient.resize(rows: rows)
    let target = columns.map { gateInputGradient.columns($0.lowerBound, $0.count) }
    gate.backward(
      input: gateInput.view, gateGradients: gateGradients.map(\.view), inputGradient: target,
      inputColumns: columns)
    if wantPrior {
      priorGradient.resize(rows: rows)
      Kernels.copy(gateInputGradient.columns(0, priorWidth), into: priorGradient.view)
    }
    if wantInput {
      let viaGate = gateInputGradient.columns(priorWidth, inputWidth)
      for r in 0..<rows {
        Kernels.axpy(1, viaGate.data + r * viaGate.stride, dInput.row(r), count: inputWidth)
      }
    }
  }

  /// The mask's backward: adds `gradient` into `dInput` in every column but the masked ones.
  private func addUnmaskedColumns(of gradient: Matrix, into dInput: Matrix) {
    let masked = towerMaskedColumns.sorted { $0.lowerBound < $1.lowerBound }
    var start = 0
    for range in masked + [inputWidth..<inputWidth] {
      let width = range.lowerBound - start
      if width > 0 {
        let src = gradient.columns(start, width)
        let dst = dInput.columns(start, width)
        for r in 0..<src.rows {
          Kernels.axpy(1, src.data + r * src.stride, dst.data + r * dst.stride, count: width)
        }
      }
      start = max(start, range.upperBound)
    }
  }

  /// The output of layer l as the next layer sees it (post-gated when applicable).
  private func layerOutput(task t: Int, layer l: Int) -> MatrixView {
    isGated(layer: l) && placement == .post ? gatedOutputs[t][l].view : activations[t][l].view
  }

  private func multiply(_ a: MatrixView, _ b: MatrixView, into c: MatrixView) {
    for r in 0..<a.rows {
      Kernels.multiply(a.data + r * a.stride, b.data + r * b.stride, c.data + r * c.stride, count: a.cols)
    }
  }

  private func multiplyAdd(_ a: MatrixView, _ b: MatrixView, into c: MatrixView) {
    for r in 0..<a.rows {
      Kernels.multiplyAdd(a.data + r * a.stride, b.data + r * b.stride, c.data + r * c.stride, count: a.cols)
    }
  }
}
