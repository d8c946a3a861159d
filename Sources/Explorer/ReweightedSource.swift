/// A data source that starts the explorer with other blend weights (`pepnet explore --weights`).
public final class ReweightedSource: ExplorerDataSource, @unchecked Sendable {
  let base: ExplorerDataSource
  public let defaultWeights: [Float]

  public init(_ base: ExplorerDataSource, weights: [Float]) {
    self.base = base
    defaultWeights = weights
  }

  public var title: String { base.title }
  public var users: [ExplorerUser] { base.users }
  public var items: [ExplorerItem] { base.items }
  public var domains: [String] { base.domains }
  public var tasks: [String] { base.tasks }
  public var architecture: ExplorerArchitecture { base.architecture }
  public func scores(user: Int, domain: Int) -> [[Float]] { base.scores(user: user, domain: domain) }
  public func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    base.gates(user: user, item: item, domain: domain)
  }
  public func averageEPNetGates(domain: Int) -> [Float] { base.averageEPNetGates(domain: domain) }
  public var editableFeatures: [EditableFeature] { base.editableFeatures }
  public func scores(user: Int, domain: Int, edits: [ProfileField]) -> [[Float]] {
    base.scores(user: user, domain: domain, edits: edits)
  }
  public func gates(user: Int, item: Int, domain: Int, edits: [ProfileField]) -> GateReadout {
    base.gates(user: user, item: item, domain: domain, edits: edits)
  }
  public func population() -> ExplorerPopulation? { base.population() }
  public var domainCandidates: [[Int]]? { base.domainCandidates }
  public var candidatesAreListed: Bool { base.candidatesAreListed }
  public func effect(user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int)
    -> ExplorerEffect?
  {
    base.effect(user: user, domain: domain, average: average, weights: weights, k: k)
  }
}
