import PepnetModel
import PepnetNumerics

/// The standard benchmark configuration, shared with the PyTorch reference that
/// `scripts/bench-vs-torch.sh` runs beside it: 3 domains, 5 tasks, 24 general fields of dim 16 (user 10,000, item 50,000,
/// author 5,000, 21 more of 100), domain side = domain id + 2 fields of 100, prior = user, item,
/// author; towers [256, 128]; Gate NU hidden 64; gamma 2; Adam 1e-3; batch 1024; labels 10%
/// positive. `referenceOptions` are the reference's model options (element-wise EPNet, a Gate NU
/// per task and layer, pre-gating, final layer gated); `paperOptions` are this project's defaults.
public enum StandardBenchmark {
  public static let taskCount = 5
  public static let batchSize = 1024
  public static let generalVocabularies = [10_000, 50_000, 5_000] + Array(repeating: 100, count: 21)
  public static let domainSideVocabularies = [3, 100, 100]
  public static let userSideOtherFields = 10
  public static let candidates = 10_000

  public static func config(referenceOptions: Bool) -> ModelConfig {
    var fields: [FieldSpec] = []
    for (i, v) in generalVocabularies.enumerated() {
      let name = i == 0 ? "user_id" : i == 1 ? "item_id" : i == 2 ? "author_id" : "f\(i - 3)"
      fields.append(FieldSpec(name: name, vocabularySize: v, role: .general, isPrior: i < 3))
    }
    for (i, v) in domainSideVocabularies.enumerated() {
      fields.append(FieldSpec(name: i == 0 ? "domain" : "dom_f\(i)", vocabularySize: v, role: .domainSide))
    }
    return ModelConfig(
      architecture: .pepnet, fields: fields, tasks: (0..<taskCount).map { "task\($0)" }, embeddingDim: 16,
      tower: [256, 128], epnetGateHidden: 64, ppnetGateHidden: 64, gamma: 2, epnetGranularity: .elementwise,
      ppnetPlacement: .pre, ppnetTaskGating: referenceOptions ? .perTask : .sharedSplit,
      ppnetGateFinalLayer: true)
  }

  /// A random batch: uniform ids, labels positive with probability 0.1.
  public static func randomBatch(config: ModelConfig, size: Int, rng: inout SeededRNG) -> Batch {
    Batch.random(config: config, count: size, positiveRate: 0.1, rng: &rng)
  }

  /// Candidates for one (user, domain), as the reference builds them: the user id (1234), the
  /// first `userSideOtherFields` other fields and the domain-side ids fixed, the item side random.
  public static func candidateBatch(config: ModelConfig, size: Int, rng: inout SeededRNG) -> Batch {
    let batch = randomBatch(config: config, size: size, rng: &rng)
    let g = batch.generalFieldCount
    let d = batch.domainSideFieldCount
    for b in 0..<size {
      batch.generalIds[b * g] = 1234
      for f in 3..<(3 + userSideOtherFields) { batch.generalIds[b * g + f] = batch.generalIds[f] }
      for f in 0..<d { batch.domainSideIds[b * d + f] = batch.domainSideIds[f] }
    }
    return batch
  }

  /// Forward multiply-adds per sample of the dense layers and gates, counted as the reference does.
  public static func forwardMultiplyAdds(config: ModelConfig) -> Int {
    let d = config.embeddingDim
    let g = config.generalFields.count * d
    let ds = config.domainSideFields.count * d
    let p = config.priorFieldIndices.count * d
    let dims = [g] + config.tower + [1]
    let epGateWidth = config.epnetGranularity == .elementwise ? g : config.generalFields.count
    let ep = (ds + g) * config.epnetGateHidden + config.epnetGateHidden * epGateWidth
    let layers = dims.count - 1
    let towers = config.taskCount * (0..<layers).reduce(0) { $0 + dims[$1] * dims[$1 + 1] }
    let gated = config.ppnetGateFinalLayer ? layers : layers - 1
    let widths = (0..<gated).map { config.ppnetPlacement == .pre ? dims[$0] : dims[$0 + 1] }
    let units = config.ppnetTaskGating == .perTask ? config.taskCount * gated : gated
    let hiddenMACs = (p + g) * config.ppnetGateHidden * units
    let outMACs = config.ppnetGateHidden * widths.reduce(0, +) * config.taskCount
    return ep + towers + hiddenMACs + outMACs
  }
}
