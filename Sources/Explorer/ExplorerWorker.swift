import Dispatch
import Foundation

/// Runs model work off the input thread. Requests of the same kind coalesce (latest wins), so a burst
/// of key presses computes only the selection the person ends up on; results are collected for the
/// input loop to apply as actions (update drops the ones that are stale by then).
///
/// When idle, the worker precomputes the scores of likely next selections (the neighbouring users and
/// domains, given by `prefetch`) into a small cache, so moving one step usually finds its ranking ready.
final class ExplorerWorker: @unchecked Sendable {
  private struct Selection: Hashable {
    var user: Int
    var domain: Int
  }

  private let source: ExplorerDataSource
  private let queue = DispatchQueue(label: "pepnet.explorer.worker", qos: .userInitiated)
  private let lock = NSLock()
  private var pendingScores: Effect?
  private var pendingGates: Effect?
  private var hints: [Selection] = []
  private var running = false
  private var stopped = false
  private var results: [Action] = []
  private var cache: [Selection: [[Float]]] = [:]
  private var cacheOrder: [Selection] = []
  private let cacheLimit: Int

  init(source: ExplorerDataSource, cacheLimit: Int = 16) {
    self.source = source
    self.cacheLimit = cacheLimit
  }

  /// Queues effects; returns at once.
  func submit(_ effects: [Effect]) {
    guard !effects.isEmpty else { return }
    lock.lock()
    guard !stopped else { return lock.unlock() }
    for effect in effects {
      switch effect {
      case .computeScores: pendingScores = effect
      case .computeGates: pendingGates = effect
      }
    }
    startIfIdle()
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

  /// Starts the drain loop unless it runs; expects the lock held and releases it.
  private func startIfIdle() {
    let start = !running
    running = true
    lock.unlock()
    if start { queue.async { self.drain() } }
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
    // The drain loop runs on the serial queue and ends after its current job: wait for it.
    queue.sync {}
  }

  /// Whether requested work is queued or running, or results wait to be taken.
  var isBusy: Bool {
    lock.lock()
    defer { lock.unlock() }
    return pendingScores != nil || pendingGates != nil || !results.isEmpty
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
    case scores(Selection)
    case gates(Effect)
    case prefetch(Selection)
  }

  private func nextJob() -> Job? {
    lock.lock()
    defer { lock.unlock() }
    if case .computeScores(let user, let domain) = pendingScores {
      pendingScores = nil
      return .scores(Selection(user: user, domain: domain))
    }
    if let gates = pendingGates {
      pendingGates = nil
      return .gates(gates)
    }
    while let hint = hints.first {
      hints.removeFirst()
      if cache[hint] == nil { return .prefetch(hint) }
    }
    running = false
    return nil
  }

  private func drain() {
    while let job = nextJob() {
      switch job {
      case .scores(let selection):
        let scores = cachedScores(selection) ?? computeScores(selection)
        lock.lock()
        results.append(.scoresComputed(user: selection.user, domain: selection.domain, scores: scores))
        lock.unlock()
      case .gates(let effect):
        let result = EffectPerformer.perform(effect, source: source)
        lock.lock()
        results.append(result)
        lock.unlock()
      case .prefetch(let selection):
        _ = computeScores(selection)
      }
    }
  }

  private func cachedScores(_ selection: Selection) -> [[Float]]? {
    lock.lock()
    defer { lock.unlock() }
    return cache[selection]
  }

  private func computeScores(_ selection: Selection) -> [[Float]] {
    let scores = source.scores(user: selection.user, domain: selection.domain)
    lock.lock()
    if cache[selection] == nil {
      cache[selection] = scores
      cacheOrder.append(selection)
      if cacheOrder.count > cacheLimit { cache[cacheOrder.removeFirst()] = nil }
    }
    lock.unlock()
    return scores
  }
}
