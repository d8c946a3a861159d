/// The contract between the explorer and a model: everything the explorer shows comes through here.

/// One named feature value of a user or an item, e.g. `age = 25-34`.
public struct ProfileField: Sendable, Equatable {
  public var name: String
  public var value: String
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A user of the catalog with its profile features.
public struct ExplorerUser: Sendable {
  public var id: String
  public var features: [ProfileField]
  /// Whether the model has an embedding of this id; false for a user of users.csv that the
  /// vocabulary dropped (fewer train impressions than `id_min_count`), whom the model scores
  /// through the out-of-vocabulary embedding. The explorer marks such users (issue 18, item 5).
  public var known: Bool
  public init(id: String, features: [ProfileField], known: Bool = true) {
    self.id = id
    self.features = features
    self.known = known
  }
}

/// An item of the catalog with a display title and its features.
public struct ExplorerItem: Sendable {
  public var id: String
  public var title: String
  public var features: [ProfileField]
  /// Whether the model has an embedding of this id (as `ExplorerUser.known`).
  public var known: Bool
  public init(id: String, title: String, features: [ProfileField], known: Bool = true) {
    self.id = id
    self.title = title
    self.features = features
    self.known = known
  }
}

/// One field's EPNet gate: per-element values (length = embedding dim, or 1 when field-wise) and summaries.
public struct FieldGateReadout: Sendable {
  public var field: String
  public var values: [Float]
  public var mean: Float
  public var min: Float
  public var max: Float
  public init(field: String, values: [Float], mean: Float, min: Float, max: Float) {
    self.field = field
    self.values = values
    self.mean = mean
    self.min = min
    self.max = max
  }
  /// Builds a gate from its per-element values, computing the summaries.
  public init(field: String, values: [Float]) {
    let n = Float(Swift.max(values.count, 1))
    self.init(
      field: field, values: values, mean: values.reduce(0, +) / n,
      min: values.min() ?? 0, max: values.max() ?? 0)
  }
}

/// The gate activations of one forward pass.
public struct GateReadout: Sendable {
  /// One per general field, in model order.
  public var epnet: [FieldGateReadout]
  /// `[task][layer][unit]`, gate values in `0...gamma`.
  public var ppnet: [[[Float]]]
  public var gamma: Float
  public init(epnet: [FieldGateReadout], ppnet: [[[Float]]], gamma: Float) {
    self.epnet = epnet
    self.ppnet = ppnet
    self.gamma = gamma
  }
}

/// A feature a what-if may edit (issue 14 item 5): a user profile feature (age band, city, …) or a
/// context value (hour, network), with every value the model knows for it.
public struct EditableFeature: Sendable, Equatable {
  public var name: String
  public var values: [String]
  /// A context value rather than a profile feature: the same for every user, `defaultValue` unless edited.
  public var isContext: Bool
  /// What a request without this context value uses (nil for profile features: the user's own).
  public var defaultValue: String?
  public init(name: String, values: [String], isContext: Bool = false, defaultValue: String? = nil) {
    self.name = name
    self.values = values
    self.isContext = isContext
    self.defaultValue = defaultValue
  }
}

/// A trained model as seen by the explorer. Implementations must be safe to call from a worker thread.
public protocol ExplorerDataSource: AnyObject, Sendable {
  /// E.g. model name and architecture.
  var title: String { get }
  var users: [ExplorerUser] { get }
  var items: [ExplorerItem] { get }
  var domains: [String] { get }
  var tasks: [String] { get }
  /// Probabilities per task and catalog item, `result[task][item]`: of every item, or with
  /// `domainCandidates` of the domain's candidates only, NaN (not scored) for the others.
  /// May take ~10-50 ms: call it off the input thread.
  func scores(user: Int, domain: Int) -> [[Float]]
  /// Gate activations for one (user, item, domain).
  func gates(user: Int, item: Int, domain: Int) -> GateReadout
  /// Mean EPNet gate per general field over a sample of the domain's traffic
  /// (for "deviation from the domain's average").
  func averageEPNetGates(domain: Int) -> [Float]
  /// The model's architecture: which of EPNet's and PPNet's gates it has (PEPNet by default).
  var architecture: ExplorerArchitecture { get }
  /// The blend weights the explorer starts with (and `0` resets to), one per task: 1, and -1 for
  /// a negative-feedback task such as `hate`.
  var defaultWeights: [Float] { get }
  /// The features a what-if may edit (none by default).
  var editableFeatures: [EditableFeature] { get }
  /// `scores(user:domain:)` with the user's profile or the context edited (`ProfileField` name =
  /// value, names and values from `editableFeatures`). A source with editable features implements it.
  func scores(user: Int, domain: Int, edits: [ProfileField]) -> [[Float]]
  /// `gates(user:item:domain:)` with the same edits.
  func gates(user: Int, item: Int, domain: Int, edits: [ProfileField]) -> GateReadout
  /// The gates over a population sample, for the overview; nil for a model without gates.
  /// Takes seconds on a real model: call it off the input thread.
  func population() -> ExplorerPopulation?
  /// The ranking for (user, domain) by `weights` under `average` gates against the one under the
  /// user's own gates (top-`k` overlap, rank correlation, movers); nil when the model lacks the
  /// gates to average. Scores the catalog twice: off the input thread.
  func effect(user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int)
    -> ExplorerEffect?
  /// Per domain, the item indices its rankings list (those seen in the domain in training, as
  /// `pepnet rank` ranks by default); nil: every domain lists the whole catalogue.
  var domainCandidates: [[Int]]? { get }
  /// Whether `domainCandidates` are the catalogue's own lists (a schema's `items.domain`) rather
  /// than the items seen in training: the rankings pane then says "listed for", not "seen in".
  var candidatesAreListed: Bool { get }
}

extension ExplorerDataSource {
  public var architecture: ExplorerArchitecture { .pepnet }
  public var defaultWeights: [Float] { [Float](repeating: 1, count: tasks.count) }
  public var editableFeatures: [EditableFeature] { [] }
  /// Without editable features there are no edits: the unedited scores.
  public func scores(user: Int, domain: Int, edits: [ProfileField]) -> [[Float]] {
    scores(user: user, domain: domain)
  }
  /// Without editable features there are no edits: the unedited gates.
  public func gates(user: Int, item: Int, domain: Int, edits: [ProfileField]) -> GateReadout {
    gates(user: user, item: item, domain: domain)
  }
  public func population() -> ExplorerPopulation? { nil }
  public var domainCandidates: [[Int]]? { nil }
  public var candidatesAreListed: Bool { false }
  public func effect(user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int)
    -> ExplorerEffect?
  { nil }
}
