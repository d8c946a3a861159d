import PepnetExplorer

/// The synthetic source used across the explorer tests (no artificial latency).
enum TestSource {
  static let shared = SyntheticExplorerSource(seed: 42, latency: 0)
  static var catalog: ExplorerCatalog { ExplorerCatalog(source: shared) }

  /// A state with scores and gates loaded for the first user and domain.
  static func loaded(width: Int = 120, height: Int = 40) -> ExplorerState {
    try! ExplorerSnapshot.state(source: shared, options: .init(size: GridSize(width: width, height: height)))
  }

  /// Applies actions and performs all requested model work synchronously.
  static func settle(_ state: ExplorerState, _ actions: [Action]) -> ExplorerState {
    EffectPerformer.settle(state, actions, source: shared)
  }
}
