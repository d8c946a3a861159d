import PepnetExplorer

/// A synthetic source whose item titles (and optionally task names) are replaced, for tests of
/// wide characters, long names and other architectures; scores and gates are the synthetic
/// source's.
final class RetitledSource: ExplorerDataSource, @unchecked Sendable {
  let base: SyntheticExplorerSource
  let items: [ExplorerItem]
  let tasks: [String]
  let architecture: ExplorerArchitecture

  init(
    base: SyntheticExplorerSource = TestSource.shared, tasks: [String]? = nil,
    architecture: ExplorerArchitecture = .pepnet, title: (Int, String) -> String = { $1 }
  ) {
    self.base = base
    self.architecture = architecture
    self.tasks = tasks ?? base.tasks
    items = base.items.enumerated().map { i, item in
      ExplorerItem(id: item.id, title: title(i, item.title), features: item.features)
    }
  }

  var title: String { base.title }
  var users: [ExplorerUser] { base.users }
  var domains: [String] { base.domains }
  func scores(user: Int, domain: Int) -> [[Float]] { base.scores(user: user, domain: domain) }
  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    base.gates(user: user, item: item, domain: domain)
  }
  func averageEPNetGates(domain: Int) -> [Float] { base.averageEPNetGates(domain: domain) }
}
