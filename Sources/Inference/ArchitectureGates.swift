import PepnetModel

/// Which of PEPNet's gates each architecture has, and what it is in a sentence: what the explorer's
/// gate panes say of a model without gates (the CLI hands these to the explorer, which does not
/// import the model layer).
extension Architecture {
  /// Whether the model gates its feature embeddings per domain (EPNet).
  public var hasEPNet: Bool {
    switch self {
    case .pepnet, .pepnetNoStopGradient, .pepnetPriorGatesOnly, .epnetOnly: return true
    case .ppnetOnly, .dnn, .sharedBottom, .mmoe, .ple: return false
    }
  }

  /// Whether the model gates its tower layers per user and item (PPNet).
  public var hasPPNet: Bool {
    switch self {
    case .pepnet, .pepnetNoStopGradient, .pepnetPriorGatesOnly, .ppnetOnly: return true
    case .epnetOnly, .dnn, .sharedBottom, .mmoe, .ple: return false
    }
  }

  /// What the model is, as the end of "This model (dnn) is ...".
  public var summary: String {
    switch self {
    case .dnn: return "a DNN baseline: one shared network and a head per task, without gates."
    case .sharedBottom: return "a shared-bottom baseline: shared layers, one tower per task, no gates."
    case .mmoe: return "an MMoE baseline: experts mixed by a softmax gate per task, not EPNet or PPNet."
    case .ple: return "a PLE baseline: shared and task experts mixed per task, not EPNet or PPNet."
    case .ppnetOnly: return "PEPNet without EPNet (ablation): the embeddings are not gated."
    case .epnetOnly: return "PEPNet without PPNet (ablation): the towers are not gated."
    case .pepnet, .pepnetNoStopGradient: return "PEPNet."
    case .pepnetPriorGatesOnly:
      return "PEPNet whose towers do not see the prior ids (ablation): they pass only through PPNet's gates."
    }
  }
}
