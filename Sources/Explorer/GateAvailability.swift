/// What the explorer knows of a model's architecture: its name, which of PEPNet's gates it has,
/// and what it is in a sentence, for the gate panes of a model without them. The explorer does not
/// import the model layer: whoever adapts a model to `ExplorerDataSource` describes it (the CLI's
/// `BundleExplorerSource`, from `Architecture`'s gate facts in PepnetInference).
public struct ExplorerArchitecture: Sendable, Equatable {
  /// The architecture's name as `--arch` spells it, e.g. `dnn`.
  public var name: String
  public var hasEPNet: Bool
  public var hasPPNet: Bool
  /// What the model is, e.g. "a DNN baseline: one shared network and a head per task, without gates."
  public var summary: String

  public init(name: String, hasEPNet: Bool, hasPPNet: Bool, summary: String) {
    self.name = name
    self.hasEPNet = hasEPNet
    self.hasPPNet = hasPPNet
    self.summary = summary
  }

  /// PEPNet itself: both gates.
  public static let pepnet = ExplorerArchitecture(
    name: "pepnet", hasEPNet: true, hasPPNet: true, summary: "PEPNet.")
}

/// The sentence a gate pane shows when the model has no such gates: the baselines (dnn,
/// shared-bottom, mmoe, ple) have neither, the ablations one of the two.
enum GateAvailability {
  /// Why the model has no gates of this pane (nil when it has them), as lines for the pane.
  static func absence(_ architecture: ExplorerArchitecture, pane: Pane) -> [String]? {
    let epnet = pane == .epnet
    if epnet ? architecture.hasEPNet : architecture.hasPPNet { return nil }
    let what =
      epnet
      ? "EPNet gates the feature embeddings per domain." : "PPNet gates every tower layer per user and item."
    return [
      "This model (\(architecture.name)) is \(architecture.summary)", what,
      "Rankings and the other panes work as usual.",
    ]
  }
}
