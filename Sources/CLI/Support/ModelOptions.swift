import ArgumentParser
import PepnetModel

/// The model options of `pepnet train`: the architecture, the sizes and PEPNet's options; what
/// `ModelConfig` holds before the data gives its fields and tasks.
struct ModelOptions: ParsableArguments {
  @Option(help: "Architecture: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")).")
  var arch: Architecture = .pepnet
  @Option(help: "Embedding dimension.") var embDim = 16
  @Option(help: "Tower widths, comma-separated.") var tower = "256,128"
  @Option(help: "Gate NU hidden width (EPNet and PPNet).") var gateHidden = 64
  @Option(help: "Gate NU output scale gamma (1 = neutral at gamma/2... the paper uses 2).") var gamma: Float =
    2
  @Option(help: "EPNet gate granularity: elementwise or fieldwise.") var epnetGranularity: EPNetGranularity =
    .elementwise
  @Option(help: "PPNet gate placement: pre (gate the layer input) or post.") var ppnetPlacement:
    PPNetPlacement = .pre
  @Option(help: "PPNet gating: shared_split (one Gate NU per layer split across tasks) or per_task.")
  var ppnetGating: PPNetTaskGating = .sharedSplit
  @Flag(help: "Leave PPNet's final (logit) layer ungated.") var ungatedFinalLayer = false
  @Option(help: "Experts for MMoE/PLE.") var experts = 4
  @Option(help: "Expert (and shared-bottom) widths, comma-separated.") var expertHidden = "128"

  /// The usage errors of the sizes, in the order `train` checks them (`--gamma` is checked with
  /// `--lr`). `--experts` is at least 1 whatever the architecture, as `ModelConfig` asks of MMoE
  /// and PLE (the others ignore the count).
  func checkSizes() throws {
    try checkRange("--emb-dim", embDim, 1...ModelConfig.maximumEmbeddingDim)
    try checkRange("--gate-hidden", gateHidden, 1...ModelConfig.maximumWidth)
    try checkRange("--experts", experts, 1...ModelConfig.maximumExpertCount)
  }

  /// The usage errors of the comma-separated widths.
  func checkWidths() throws {
    _ = try parseWidths(tower, option: "--tower")
    _ = try parseWidths(expertHidden, option: "--expert-hidden")
  }

  /// The model the options describe, before the data gives its fields and tasks.
  func config() throws -> ModelConfig {
    ModelConfig(
      architecture: arch, fields: [], tasks: [], embeddingDim: embDim,
      tower: try parseWidths(tower, option: "--tower"), epnetGateHidden: gateHidden,
      ppnetGateHidden: gateHidden, gamma: gamma, epnetGranularity: epnetGranularity,
      ppnetPlacement: ppnetPlacement, ppnetTaskGating: ppnetGating, ppnetGateFinalLayer: !ungatedFinalLayer,
      expertCount: experts, expertHidden: try parseWidths(expertHidden, option: "--expert-hidden"))
  }
}

extension Architecture: ExpressibleByArgument {}
extension EPNetGranularity: ExpressibleByArgument {}
extension PPNetPlacement: ExpressibleByArgument {}
extension PPNetTaskGating: ExpressibleByArgument {}
extension EmbeddingOptimizer: ExpressibleByArgument {}

/// Parses "256,128" into widths, with a usage error naming the option otherwise.
func parseWidths(_ text: String, option: String) throws -> [Int] {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false)
  let widths = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  guard !parts.isEmpty, widths.count == parts.count, widths.allSatisfy({ $0 > 0 && $0 <= 65_536 }) else {
    throw ValidationError("\(option) wants comma-separated positive widths such as 256,128; got '\(text)'")
  }
  return widths
}
