/// What a categorical field is to PEPNet.
public enum FieldRole: String, Codable, Sendable, CaseIterable {
  /// Part of the general input E (user, item, author and context features). Fed to the towers
  /// through EPNet; gated per domain.
  case general
  /// Domain-side input of EPNet's gate (the domain id and per-domain statistics). Never enters
  /// the towers directly.
  case domainSide = "domain_side"
}

/// One categorical field: its name, vocabulary size (including the OOV slot 0), role, and
/// whether it is part of PPNet's personalised prior (user id, item id, author id).
public struct FieldSpec: Codable, Sendable, Equatable {
  public var name: String
  public var vocabularySize: Int
  public var role: FieldRole
  public var isPrior: Bool
  /// A multi-valued field (a general one): the id slots it takes in a batch row, whose rows' mean
  /// is its embedding (`EmbeddingTable.gatherMean`). Nil for a single-valued field (one slot), and
  /// then left out of the JSON, so configs from before multi-valued fields read and write as they did.
  public var maxValues: Int?

  public init(
    name: String, vocabularySize: Int, role: FieldRole, isPrior: Bool = false, maxValues: Int? = nil
  ) {
    self.name = name
    self.vocabularySize = vocabularySize
    self.role = role
    self.isPrior = isPrior
    self.maxValues = maxValues
  }

  /// Id slots in a batch row: `maxValues`, or 1.
  public var slots: Int { maxValues ?? 1 }
}

/// Whether EPNet outputs one gate per embedding element or one per field.
public enum EPNetGranularity: String, Codable, Sendable, CaseIterable {
  case elementwise
  case fieldwise
}

/// Where PPNet's gate multiplies a tower layer: its input (paper) or its activated output.
public enum PPNetPlacement: String, Codable, Sendable, CaseIterable {
  case pre
  case post
}

/// Whether PPNet has one Gate NU per layer split across the tasks (paper), or one per task and layer.
public enum PPNetTaskGating: String, Codable, Sendable, CaseIterable {
  case sharedSplit = "shared_split"
  case perTask = "per_task"
}

/// The architecture family and its ablations, all sharing one model interface.
public enum Architecture: String, Codable, Sendable, CaseIterable {
  case pepnet
  case epnetOnly = "epnet-only"
  case ppnetOnly = "ppnet-only"
  case pepnetNoStopGradient = "pepnet-no-stopgrad"
  /// PEPNet whose towers read O_ep with the prior fields' columns zeroed (`PEPNet`).
  case pepnetPriorGatesOnly = "pepnet-prior-gates-only"
  case dnn
  case sharedBottom = "shared-bottom"
  case mmoe
  case ple

  /// Whether the architecture mixes experts (and so uses `expertCount`).
  public var hasExperts: Bool { self == .mmoe || self == .ple }
}

/// Everything needed to build a model's layers: fields, tasks, sizes and PEPNet options.
public struct ModelConfig: Codable, Sendable, Equatable {
  public var architecture: Architecture
  public var fields: [FieldSpec]
  public var tasks: [String]
  public var embeddingDim: Int
  public var tower: [Int]
  public var epnetGateHidden: Int
  public var ppnetGateHidden: Int
  public var gamma: Float
  public var epnetGranularity: EPNetGranularity
  public var ppnetPlacement: PPNetPlacement
  public var ppnetTaskGating: PPNetTaskGating
  public var ppnetGateFinalLayer: Bool
  /// The paper's stop-gradients on the general embeddings at EPNet's gate input and on O_ep at
  /// PPNet's gate input.
  public var stopGradient: Bool
  /// Optional (not in the paper): also stop the gradient of the prior embeddings at PPNet's gate.
  public var stopGradientPrior: Bool
  /// Baselines: experts (MMoE, PLE) and their hidden sizes; shared-bottom width.
  public var expertCount: Int
  public var expertHidden: [Int]

  public init(
    architecture: Architecture = .pepnet, fields: [FieldSpec], tasks: [String], embeddingDim: Int = 16,
    tower: [Int] = [256, 128], epnetGateHidden: Int = 64, ppnetGateHidden: Int = 64, gamma: Float = 2,
    epnetGranularity: EPNetGranularity = .elementwise, ppnetPlacement: PPNetPlacement = .pre,
    ppnetTaskGating: PPNetTaskGating = .sharedSplit, ppnetGateFinalLayer: Bool = true,
    stopGradient: Bool = true, stopGradientPrior: Bool = false, expertCount: Int = 4,
    expertHidden: [Int] = [256]
  ) {
    self.architecture = architecture
    self.fields = fields
    self.tasks = tasks
    self.embeddingDim = embeddingDim
    self.tower = tower
    self.epnetGateHidden = epnetGateHidden
    self.ppnetGateHidden = ppnetGateHidden
    self.gamma = gamma
    self.epnetGranularity = epnetGranularity
    self.ppnetPlacement = ppnetPlacement
    self.ppnetTaskGating = ppnetTaskGating
    self.ppnetGateFinalLayer = ppnetGateFinalLayer
    self.stopGradient = stopGradient
    self.stopGradientPrior = stopGradientPrior
    self.expertCount = expertCount
    self.expertHidden = expertHidden
  }

  public var generalFields: [FieldSpec] { fields.filter { $0.role == .general } }
  /// Ids per row of a batch's `generalIds`: one per general field, `maxValues` per multi-valued one.
  public var generalIdWidth: Int { generalFields.reduce(0) { $0 + $1.slots } }
  public var domainSideFields: [FieldSpec] { fields.filter { $0.role == .domainSide } }
  /// Indices, within the general fields, of the prior fields.
  public var priorFieldIndices: [Int] {
    generalFields.enumerated().filter { $0.element.isPrior }.map(\.offset)
  }
  public var taskCount: Int { tasks.count }
}

extension ModelConfig {
  /// Largest embedding dimension and layer width a config may ask for.
  public static let maximumEmbeddingDim = 4096
  public static let maximumWidth = 65_536
  /// Most experts a config may ask for (MMoE's and PLE's `expertCount`).
  public static let maximumExpertCount = 1024
  /// Largest total of embedding rows x dimension, and of weights in the towers or the experts
  /// (2^31 Float32 values, 8 GiB).
  public static let maximumEmbeddingValues = 1 << 31
  /// Largest Gate NU scale: a gate is `gamma * sigmoid(x)`, the paper uses 2, and each gated tower
  /// layer can multiply its input by up to gamma.
  public static let maximumGamma: Float = 16
  /// Most id slots of a multi-valued field (`FieldSpec.maxValues`).
  public static let maximumMaxValues = 1024

  /// The first size that is not positive or is absurdly large, in one line (nil if all are sane):
  /// building such a model would crash or try to allocate far more memory than exists.
  public var sizeProblem: String? {
    func outside(_ name: String, _ value: Int, _ range: ClosedRange<Int>) -> String? {
      range.contains(value)
        ? nil : "\(name) is \(value); it must be in \(range.lowerBound)...\(range.upperBound)"
    }
    if fields.isEmpty { return "fields is empty" }
    if tasks.isEmpty { return "tasks is empty" }
    if let p = outside("embeddingDim", embeddingDim, 1...Self.maximumEmbeddingDim) { return p }
    for (name, value) in [("epnetGateHidden", epnetGateHidden), ("ppnetGateHidden", ppnetGateHidden)] {
      if let p = outside(name, value, 1...Self.maximumWidth) { return p }
    }
    // MMoE and PLE need an expert (without one they train a constant model); the other
    // architectures ignore the count, so their bundles may hold 0.
    let experts = (architecture.hasExperts ? 1 : 0)...Self.maximumExpertCount
    if let p = outside("expertCount", expertCount, experts) { return p }
    for (name, widths) in [("tower", tower), ("expertHidden", expertHidden)] {
      for w in widths { if let p = outside("\(name) width", w, 1...Self.maximumWidth) { return p } }
    }
    guard gamma > 0 && gamma <= Self.maximumGamma else {
      return "gamma is \(gamma); it must be in (0, \(Int(Self.maximumGamma))]"
    }
    var rows = 0
    for f in fields {
      let name = "fields['\(f.name)'].vocabularySize"
      if let p = outside(name, f.vocabularySize, 1...Self.maximumEmbeddingValues) { return p }
      rows += f.vocabularySize
      if let m = f.maxValues {
        if f.role != .general || f.isPrior {
          return "fields['\(f.name)'].maxValues: only a general field that is not a prior may be multi-valued"
        }
        if let p = outside("fields['\(f.name)'].maxValues", m, 1...Self.maximumMaxValues) { return p }
      }
    }
    if rows > Self.maximumEmbeddingValues / embeddingDim {
      return
        "fields: the embedding tables would hold \(rows) x \(embeddingDim) values, more than \(Self.maximumEmbeddingValues)"
    }
    // The largest dense stacks: every task's tower, and all experts, on the concatenated embeddings.
    let input = fields.count * embeddingDim
    let stacks = [("tower", tower, tasks.count), ("expertHidden", expertHidden, expertCount)]
    for (name, widths, copies) in stacks {
      let weights = Saturating.sum(zip([input] + widths, widths + [1]).map { Saturating.product($0, $1) })
      if weights > Self.maximumEmbeddingValues / max(copies, 1) {
        return
          "\(name): the layers would hold \(weights) x \(copies) weights, more than \(Self.maximumEmbeddingValues)"
      }
    }
    // The Gate NUs: the towers' widths are multiplied by the tasks and the gate's hidden width.
    for (name, weights) in gateWeights where weights > Self.maximumEmbeddingValues {
      return
        "\(name): the gate network would hold \(weights) weights, more than \(Self.maximumEmbeddingValues)"
    }
    return nil
  }

  /// Weights of EPNet's and PPNet's Gate NUs (hidden and output layers, biases left out), for
  /// the architectures that have them; saturating at `Int.max`, since a hostile config may list
  /// any number of tasks and layers.
  public var gateWeights: [(name: String, weights: Int)] {
    let general = Saturating.product(fields.count, embeddingDim)
    var gates: [(String, Int)] = []
    if [.pepnet, .epnetOnly, .pepnetNoStopGradient, .pepnetPriorGatesOnly].contains(architecture) {
      let output = epnetGranularity == .elementwise ? general : fields.count
      let weights = Saturating.sum([
        Saturating.product(general, epnetGateHidden), Saturating.product(epnetGateHidden, output),
      ])
      gates.append(("epnetGateHidden", weights))
    }
    if [.pepnet, .ppnetOnly, .pepnetNoStopGradient, .pepnetPriorGatesOnly].contains(architecture) {
      let dims = [general] + tower + [1]
      let layers = ppnetGateFinalLayer ? dims.count - 1 : dims.count - 2
      let widths = (0..<layers).map { ppnetPlacement == .pre ? dims[$0] : dims[$0 + 1] }
      let units = ppnetTaskGating == .sharedSplit ? layers : Saturating.product(layers, tasks.count)
      let weights = Saturating.sum([
        Saturating.product(general, ppnetGateHidden, units),
        Saturating.product(ppnetGateHidden, tasks.count, Saturating.sum(widths)),
      ])
      gates.append(("ppnetGateHidden", weights))
    }
    return gates
  }
}

/// Arithmetic on sizes read from a file, which must not overflow (a trap in debug builds,
/// wrapping under `-Ounchecked`): results stick at `Int.max`.
enum Saturating {
  static func product(_ factors: Int...) -> Int {
    factors.reduce(1) { a, b in
      let (p, overflow) = a.multipliedReportingOverflow(by: b)
      return overflow ? Int.max : p
    }
  }

  static func sum(_ terms: [Int]) -> Int {
    terms.reduce(0) { a, b in
      let (s, overflow) = a.addingReportingOverflow(b)
      return overflow ? Int.max : s
    }
  }
}

/// A model config whose sizes cannot be built (see `ModelConfig.sizeProblem`).
public struct ModelConfigError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
