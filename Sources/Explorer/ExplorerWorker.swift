import Dispatch
import Foundation

/// Runs model work off the input thread. Requests of the same kind coalesce (latest wins), so a burst
/// of key presses computes the newest selection next, whatever was asked in between; results are
/// collected for the input loop to apply as actions.
///
/// A scores job also computes the gates of the item the ranking's cursor will land on (`follow`
/// says which), and posts both at once: the first complete frame needs no second round trip. When
/// idle, the worker precomputes the scores and those gates of likely next selections (the
/// neighbouring users and domains, given by `prefetch`) into small caches, so moving one step
/// usually finds both ready.
///
/// Jobs run on an injected `WorkerExecutor`, one queued step per job, so a test can run them one
/// at a time between inputs.
final class ExplorerWorker: @unchecked Sendable {
  private struct Selection: Hashable {
    var user: Int
    var domain: Int
  }

  private struct GateKey: Hashable {
    var user: Int
    var item: Int
    var domain: Int
  }

  private let source: ExplorerDataSource
  private let executor: WorkerExecutor
  private let lock = NSLock()
  private var pendingScores: Selection?
  private var pendingGates: GateKey?
  private var highlight = Highlight(tab: 0, rank: 0, weights: [])
  private var hints: [Selection] = []
  private var running = false
  private var stopped = false
  private var results: [Action] = []
  private var scoreCache = RecentCache<Selection, [[Float]]>(limit: 16)
  private var gateCache = RecentCache<GateKey, Action>(limit: 64)

  init(source: ExplorerDataSource, executor: WorkerExecutor = SerialQueueExecutor(), cacheLimit: Int = 16) {
    self.source = source
    self.executor = executor
    scoreCache = RecentCache(limit: cacheLimit)
  }

  /// Queues effects; returns at once. A scores request drops a queued gates request: it was for the
  /// selection being left.
  func submit(_ effects: [Effect]) {
    guard !effects.isEmpty else { return }
    lock.lock()
    guard !stopped else { return lock.unlock() }
    for effect in effects {
      switch effect {
      case .computeScores(let user, let domain):
        pendingScores = Selection(user: user, domain: domain)
        pendingGates = nil
      case .computeGates(let user, let item, let domain):
        pendingGates = GateKey(user: user, item: item, domain: domain)
      }
    }
    startIfIdle()
  }

  /// Which item a ranking computed from now on will highlight (the state's tab, cursor and weights).
  func follow(_ next: Highlight) {
    lock.lock()
    defer { lock.unlock() }
    highlight = next
  }

  /// Replaces the selections worth precomputing while idle (most likely first).
  func prefetch(_ selections: [(user: Int, domain: Int)]) {
    lock.lock()
    guard !stopped else { return lock.unlock() }
    let next = selections.map { Selection(user: $0.user, domain: $0.domain) }
    if next == hints {
      lock.unlock()
      return
    }
    hints = next
    startIfIdle()
  }

  /// Stops taking work and returns once the job in flight has finished. Call it before the process
  /// exits: `exit()` runs OpenBLAS's shutdown, which crashes a worker thread still inside a GEMM.
  func shutdown() {
    lock.lock()
    stopped = true
    pendingScores = nil
    pendingGates = nil
    hints = []
    lock.unlock()
    // A job step re-queues the next only while not stopped: waiting for what is queued now waits
    // for the job in flight, and nothing runs after it.
    executor.waitForQueued()
  }

  /// Queues the next job step unless one is queued or running; expects the lock held and releases it.
  private func startIfIdle() {
    let start = !running
    running = true
    lock.unlock()
    if start { executor.execute { self.runNextJob() } }
  }

  /// Whether requested work is queued or running, or results wait to be taken.
  var isBusy: Bool {
    lock.lock()
    defer { lock.unlock() }
    return pendingScores != nil || pendingGates != nil || !results.isEmpty
  }

  /// Whether nothing at all runs, prefetching included (the benchmark waits for this between presses).
  var isIdle: Bool {
    lock.lock()
    defer { lock.unlock() }
    return !running && results.isEmpty
  }

  /// Results finished since the last call.
  func takeResults() -> [Action] {
    lock.lock()
    defer { lock.unlock() }
    let taken = results
    results.removeAll()
    return taken
  }

  private enum Job {
    case scores(Selection, Highlight)
    case gates(GateKey)
    case prefetch(Selection, Highlight)
  }

  private func nextJob() -> Job? {
    lock.lock()
    defer { lock.unlock() }
    if let selection = pendingScores {
      pendingScores = nil
      return .scores(selection, highlight)
    }
    if let gates = pendingGates {
      pendingGates = nil
      return .gates(gates)
    }
    while let hint = hints.first {
      hints.removeFirst()
      if scoreCache[hint] == nil { return .prefetch(hint, highlight) }
    }
    running = false
    return nil
  }

  /// Runs one job, then queues the step for the next (unless stopped); with no job left the worker
  /// is idle.
  private func runNextJob() {
    guard let job = nextJob() else { return }
    perform(job)
    lock.lock()
    let more = !stopped
    if !more { running = false }
    lock.unlock()
    if more { executor.execute { self.runNextJob() } }
  }

  private func perform(_ job: Job) {
    switch job {
    case .scores(let selection, let highlight):
      let scores = self.scores(selection)
      let gates = highlight.item(in: scores).map {
        self.gates(GateKey(user: selection.user, item: $0, domain: selection.domain))
      }
      post(
        [.scoresComputed(user: selection.user, domain: selection.domain, scores: scores)]
          + (gates.map { [$0] } ?? []))
    case .gates(let key):
      post([gates(key)])
    case .prefetch(let selection, let highlight):
      let scores = self.scores(selection)
      if let item = highlight.item(in: scores) {
        _ = gates(GateKey(user: selection.user, item: item, domain: selection.domain))
      }
    }
  }

  private func post(_ actions: [Action]) {
    lock.lock()
    results += actions
    lock.unlock()
  }

  /// Scores from the cache, or computed and cached.
  private func scores(_ selection: Selection) -> [[Float]] {
    lock.lock()
    let cached = scoreCache[selection]
    lock.unlock()
    if let cached { return cached }
    let scores = source.scores(user: selection.user, domain: selection.domain)
    lock.lock()
    scoreCache[selection] = scores
    lock.unlock()
    return scores
  }

  /// A gates result from the cache, or computed and cached.
  private func gates(_ key: GateKey) -> Action {
    lock.lock()
    let cached = gateCache[key]
    lock.unlock()
    if let cached { return cached }
    let result = EffectPerformer.perform(
      .computeGates(user: key.user, item: key.item, domain: key.domain), source: source)
    lock.lock()
    gateCache[key] = result
    lock.unlock()
    return result
  }
}

/// A small map that forgets its oldest entries beyond `limit`.
struct RecentCache<Key: Hashable, Value> {
  private var values: [Key: Value] = [:]
  private var order: [Key] = []
  let limit: Int

  init(limit: Int) { self.limit = max(1, limit) }

  subscript(key: Key) -> Value? {
    get { values[key] }
    set {
      guard let newValue else {
        values[key] = nil
        order.removeAll { $0 == key }
        return
      }
      if values.updateValue(newValue, forKey: key) == nil {
        order.append(key)
        if order.count > limit { values[order.removeFirst()] = nil }
      }
    }
  }
}
