/// The explorer's state together with its model worker: actions in, model requests out. The
/// terminal loop (`ExplorerRuntime`) and the latency benchmark drive the same session, so the
/// benchmark measures the path a keypress takes on screen.
final class ExplorerSession {
  private(set) var state: ExplorerState
  let worker: ExplorerWorker
  /// Whether neighbouring selections are precomputed while idle (`PEPNET_EXPLORER_PREFETCH=0` off).
  let prefetching: Bool
  private var requested: [Effect] = []
  /// Selections to precompute, handed over after the requests so a prefetch cannot start first.
  private var hints: [(user: Int, domain: Int)]?

  /// How often the loop looks for results while the worker is busy, in milliseconds.
  static let busyPollMs = 2

  init(
    source: ExplorerDataSource, size: GridSize, glyphs: Glyphs = .unicode, prefetching: Bool = true,
    executor: WorkerExecutor = SerialQueueExecutor()
  ) {
    worker = ExplorerWorker(source: source, executor: executor)
    self.prefetching = prefetching
    (state, requested) = Explorer.start(catalog: ExplorerCatalog(source: source), size: size)
    state.glyphs = glyphs
    if prefetching { hints = Explorer.likelyNextSelections(state) }
    submitRequests()
  }

  /// Applies an action; its model requests wait for `submitRequests`.
  func dispatch(_ action: Action) {
    let (next, effects) = Explorer.update(state, action)
    let previous = state
    state = next
    requested += effects
    if prefetching && (next.user != previous.user || next.domain != previous.domain) {
      hints = Explorer.likelyNextSelections(state, after: previous)
    }
  }

  /// Applies the results the worker finished; returns whether there were any.
  @discardableResult
  func applyResults() -> Bool {
    let results = worker.takeResults()
    for result in results { dispatch(result) }
    return !results.isEmpty
  }

  /// Hands the worker what the state still waits for after a batch of input and results: a
  /// request answered within the batch (gates that came with their scores) or superseded by a
  /// later one is not sent. New prefetch hints follow the requests: handed over first, a prefetch
  /// could start and make the selection on screen wait for it.
  func submitRequests() {
    worker.follow(Highlight(state))
    worker.submit(requested.filter { $0 == state.pendingScores || $0 == state.pendingGates })
    requested.removeAll(keepingCapacity: true)
    if let hints {
      worker.prefetch(hints)
      self.hints = nil
    }
  }

  /// Whether the frame is complete: the selection's rankings and the highlighted item's gates.
  var isComplete: Bool {
    guard state.rankingsAreCurrent, let item = state.highlightedItem, let gates = state.gates else {
      return false
    }
    return gates.user == state.user && gates.domain == state.domain && gates.item == item
  }

  /// Stops the worker and waits for its job in flight (see `ExplorerWorker.shutdown`).
  func shutdown() { worker.shutdown() }
}
