import PepnetNumerics

/// PEPNet (Chang et al., KDD 2023): EPNet personalises the embeddings per domain, PPNet
/// personalises every tower layer per user/item per task. The ablations of the paper are this
/// class with parts switched off: `epnet-only` (towers ungated), `ppnet-only` (no EPNet: the
/// towers read E directly) and `pepnet-no-stopgrad`. `pepnet-prior-gates-only` (not in the paper)
/// zeroes the prior fields' columns of O_ep in the towers' input, so the user, item and author ids
/// reach the towers only through PPNet's gates (issue 16: is the additive path why the gates carry
/// so little of the per-user signal?); PPNet's gate still reads `[E_prior, stopgrad(O_ep)]`.
public final class PEPNet: RecommenderModel {
  public let config: ModelConfig
  public let embeddings: FeatureEmbeddings
  /// Nil in the `ppnet-only` ablation.
  public let epnet: EPNet?
  public let ppnet: PPNet
  private let priorColumns: [Int]

  private let inputGradient: Matrix
  private let generalGradient: Matrix
  private let domainSideGradient: Matrix
  private let priorGradient: Matrix

  public init(config: ModelConfig, seed: UInt64) {
    var config = config
    if config.architecture == .pepnetNoStopGradient { config.stopGradient = false }
    self.config = config
    var rng = SeededRNG(seed: seed)
    embeddings = FeatureEmbeddings(config: config, rng: &rng)
    let hasEPNet = config.architecture != .ppnetOnly
    let hasPPNet = config.architecture != .epnetOnly
    epnet = hasEPNet ? EPNet(config: config, domainSideWidth: embeddings.domainSideWidth, rng: &rng) : nil
    priorColumns = config.priorFieldIndices
    let d = config.embeddingDim
    let towerMaskedColumns =
      config.architecture == .pepnetPriorGatesOnly ? priorColumns.map { $0 * d..<($0 + 1) * d } : []
    ppnet = PPNet(
      config: config, inputWidth: embeddings.generalWidth,
      priorWidth: priorColumns.count * config.embeddingDim,
      gated: hasPPNet, towerMaskedColumns: towerMaskedColumns, rng: &rng)
    inputGradient = Matrix(rows: 0, cols: embeddings.generalWidth)
    generalGradient = Matrix(rows: 0, cols: embeddings.generalWidth)
    domainSideGradient = Matrix(rows: 0, cols: embeddings.domainSideWidth)
    priorGradient = Matrix(rows: 0, cols: priorColumns.count * config.embeddingDim)
  }

  /// Gate values to use instead of the model's own in `forward` (inference only; see
  /// `GateOverride`). Widths must match the model's gates.
  public var gateOverride: GateOverride? {
    didSet {
      epnet?.gateOverride = gateOverride?.epnet
      ppnet.gateOverride = gateOverride?.ppnet
    }
  }

  public var parameters: [Parameter] { (epnet?.gate.parameters ?? []) + ppnet.parameters }
  public var embeddingTables: [EmbeddingTable] { embeddings.tables }

  /// PPNet's input: O_ep, or E when EPNet is off (the towers' input, but for masked prior columns).
  private var towerInput: Matrix { epnet?.output ?? embeddings.generalOutput }

  public func forward(_ batch: Batch) -> Matrix {
    embeddings.forward(batch)
    epnet?.forward(general: embeddings.generalOutput, domainSide: embeddings.domainSideOutput)
    ppnet.forward(
      input: towerInput, general: embeddings.generalOutput, priorColumns: priorColumns,
      fieldDim: config.embeddingDim)
    return ppnet.logits
  }

  public func backward(_ batch: Batch, logitGradient: Matrix) {
    let rows = batch.count
    inputGradient.resize(rows: rows)
    inputGradient.zero()
    ppnet.backward(
      input: towerInput, logitGradient: logitGradient, inputGradient: inputGradient,
      priorGradient: priorGradient)
    generalGradient.resize(rows: rows)
    domainSideGradient.resize(rows: rows)
    if let epnet {
      epnet.backward(
        general: embeddings.generalOutput, outputGradient: inputGradient, generalGradient: generalGradient,
        domainSideGradient: domainSideGradient)
    } else {
      generalGradient.copy(from: inputGradient)
    }
    if ppnet.gate != nil && !config.stopGradientPrior {
      let d = config.embeddingDim
      for (i, f) in priorColumns.enumerated() {
        let src = priorGradient.columns(i * d, d)
        let dst = generalGradient.columns(f * d, d)
        for r in 0..<rows { Kernels.axpy(1, src.data + r * src.stride, dst.data + r * dst.stride, count: d) }
      }
    }
    embeddings.backward(
      batch, generalGradient: generalGradient.view,
      domainSideGradient: epnet == nil ? nil : domainSideGradient.view)
  }

  /// Test hook: hold the stop-gradient copies (E at EPNet's gate, O_ep at PPNet's gate) fixed at
  /// their values from the last forward, so a finite difference measures what back-propagation
  /// with stop-gradients computes.
  func freezeStopGradientInputs(_ frozen: Bool) {
    epnet?.freezeStopGradientInput = frozen
    ppnet.freezeStopGradientInput = frozen
  }
}
