import Foundation

/// The data source as the latency benchmark sees it: every call forwarded to `base`, with the
/// time spent in the model work a selection change asks for (scores, one item's gates, the
/// domain's average EPNet gates for Δavg) added up per kind, on `clock`, whichever thread calls.
final class TimedSource: ExplorerDataSource, @unchecked Sendable {
  enum Work: String, CaseIterable, Sendable {
    case scores
    case gates
    case averages = "Δavg"
  }

  let base: ExplorerDataSource
  private let clock: ExplorerClock
  private let lock = NSLock()
  private var seconds: [Work: Double] = [:]

  init(_ base: ExplorerDataSource, clock: ExplorerClock) {
    self.base = base
    self.clock = clock
  }

  /// Seconds spent so far, per kind of work.
  var totals: [Work: Double] {
    lock.lock()
    defer { lock.unlock() }
    return seconds
  }

  private func timed<T>(_ work: Work, _ body: () -> T) -> T {
    let start = clock.now
    let result = body()
    let elapsed = clock.now - start
    lock.lock()
    seconds[work, default: 0] += elapsed
    lock.unlock()
    return result
  }

  var title: String { base.title }
  var users: [ExplorerUser] { base.users }
  var items: [ExplorerItem] { base.items }
  var domains: [String] { base.domains }
  var tasks: [String] { base.tasks }
  var architecture: ExplorerArchitecture { base.architecture }
  var defaultWeights: [Float] { base.defaultWeights }
  var editableFeatures: [EditableFeature] { base.editableFeatures }
  var domainCandidates: [[Int]]? { base.domainCandidates }
  func scores(user: Int, domain: Int) -> [[Float]] {
    timed(.scores) { base.scores(user: user, domain: domain) }
  }
  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    timed(.gates) { base.gates(user: user, item: item, domain: domain) }
  }
  func averageEPNetGates(domain: Int) -> [Float] {
    timed(.averages) { base.averageEPNetGates(domain: domain) }
  }
  func scores(user: Int, domain: Int, edits: [ProfileField]) -> [[Float]] {
    timed(.scores) { base.scores(user: user, domain: domain, edits: edits) }
  }
  func gates(user: Int, item: Int, domain: Int, edits: [ProfileField]) -> GateReadout {
    timed(.gates) { base.gates(user: user, item: item, domain: domain, edits: edits) }
  }
  func population() -> ExplorerPopulation? { base.population() }
  func effect(user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int)
    -> ExplorerEffect?
  {
    base.effect(user: user, domain: domain, average: average, weights: weights, k: k)
  }
}
