import PepnetExplorer

/// The synthetic source with one broken gate in its population sample (a NaN or infinite mean,
/// as a diverged model gives): for the overview's refusal, which matches `pepnet inspect`'s.
final class NaNGateSource: ExplorerDataSource, @unchecked Sendable {
  let base: SyntheticExplorerSource
  /// Which gate breaks: an EPNet (domain, field) or a PPNet (domain, task, layer).
  enum Broken {
    case epnet(domain: Int, field: Int)
    case ppnet(domain: Int, task: Int, layer: Int)
  }
  let broken: Broken
  let value: Float

  init(_ broken: Broken, value: Float = .nan, base: SyntheticExplorerSource = TestSource.shared) {
    self.base = base
    self.broken = broken
    self.value = value
  }

  var title: String { base.title }
  var users: [ExplorerUser] { base.users }
  var items: [ExplorerItem] { base.items }
  var domains: [String] { base.domains }
  var tasks: [String] { base.tasks }
  func scores(user: Int, domain: Int) -> [[Float]] { base.scores(user: user, domain: domain) }
  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    base.gates(user: user, item: item, domain: domain)
  }
  func averageEPNetGates(domain: Int) -> [Float] { base.averageEPNetGates(domain: domain) }
  func population() -> ExplorerPopulation? {
    guard var p = base.population() else { return nil }
    switch broken {
    case .epnet(let d, let f): p.epnet[d][f].mean = value
    case .ppnet(let d, let t, let l): p.ppnet[d][t][l].mean = value
    }
    return p
  }
}
