import Dispatch
import Foundation

/// Runs model work off the input thread. Requests of the same kind coalesce (latest wins), so a burst
/// of key presses computes only the selection the person ends up on; results are collected for the
/// input loop to apply as actions (update drops the ones that are stale by then).
final class ExplorerWorker: @unchecked Sendable {
  private let source: ExplorerDataSource
  private let queue = DispatchQueue(label: "pepnet.explorer.worker", qos: .userInitiated)
  private let lock = NSLock()
  private var pendingScores: Effect?
  private var pendingGates: Effect?
  private var running = false
  private var results: [Action] = []

  init(source: ExplorerDataSource) { self.source = source }

  /// Queues effects; returns at once.
  func submit(_ effects: [Effect]) {
    guard !effects.isEmpty else { return }
    lock.lock()
    for effect in effects {
      switch effect {
      case .computeScores: pendingScores = effect
      case .computeGates: pendingGates = effect
      }
    }
    let start = !running
    running = true
    lock.unlock()
    if start { queue.async { self.drain() } }
  }

  /// Whether work is queued or running.
  var isBusy: Bool {
    lock.lock()
    defer { lock.unlock() }
    return running || !results.isEmpty
  }

  /// Results finished since the last call.
  func takeResults() -> [Action] {
    lock.lock()
    defer { lock.unlock() }
    let taken = results
    results.removeAll()
    return taken
  }

  private func drain() {
    while true {
      lock.lock()
      let next: Effect?
      if let scores = pendingScores {
        next = scores
        pendingScores = nil
      } else if let gates = pendingGates {
        next = gates
        pendingGates = nil
      } else {
        next = nil
        running = false
      }
      lock.unlock()
      guard let effect = next else { return }
      let result = EffectPerformer.perform(effect, source: source)
      lock.lock()
      results.append(result)
      lock.unlock()
    }
  }
}
