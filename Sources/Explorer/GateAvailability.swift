import PepnetModel

/// Which of PEPNet's gates a model has, and the sentence a gate pane shows when it has none: the
/// baselines (dnn, shared-bottom, mmoe, ple) have neither, the ablations one of the two.
enum GateAvailability {
  static func hasEPNet(_ architecture: Architecture) -> Bool {
    switch architecture {
    case .pepnet, .pepnetNoStopGradient, .epnetOnly: return true
    case .ppnetOnly, .dnn, .sharedBottom, .mmoe, .ple: return false
    }
  }

  static func hasPPNet(_ architecture: Architecture) -> Bool {
    switch architecture {
    case .pepnet, .pepnetNoStopGradient, .ppnetOnly: return true
    case .epnetOnly, .dnn, .sharedBottom, .mmoe, .ple: return false
    }
  }

  /// Why the model has no gates of this pane (nil when it has them), as lines for the pane.
  static func absence(_ architecture: Architecture, pane: Pane) -> [String]? {
    let epnet = pane == .epnet
    if epnet ? hasEPNet(architecture) : hasPPNet(architecture) { return nil }
    let what =
      epnet
      ? "EPNet gates the feature embeddings per domain." : "PPNet gates every tower layer per user and item."
    let model: String
    switch architecture {
    case .dnn: model = "a DNN baseline: one shared network and a head per task, without gates."
    case .sharedBottom: model = "a shared-bottom baseline: shared layers, one tower per task, no gates."
    case .mmoe:
      model = "an MMoE baseline: experts mixed by a softmax gate per task, not EPNet or PPNet."
    case .ple: model = "a PLE baseline: shared and task experts mixed per task, not EPNet or PPNet."
    case .ppnetOnly: model = "PEPNet without EPNet (ablation): the embeddings are not gated."
    case .epnetOnly: model = "PEPNet without PPNet (ablation): the towers are not gated."
    case .pepnet, .pepnetNoStopGradient: model = "PEPNet."
    }
    return [
      "This model (\(architecture.rawValue)) is \(model)", what,
      "Rankings and the other panes work as usual.",
    ]
  }
}
