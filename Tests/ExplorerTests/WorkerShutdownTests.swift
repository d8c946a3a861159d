import Foundation
import Testing

@testable import PepnetExplorer

/// Quitting while the worker scores: the process may exit only after the worker has stopped, since
/// `exit()` runs OpenBLAS's shutdown, which crashed a worker still inside `sgemm` (issue 11, item 16).
@Suite struct WorkerShutdownTests {
  /// A source whose `scores` takes `latency` seconds and records whether a call is in progress.
  final class SlowSource: ExplorerDataSource, @unchecked Sendable {
    private let base = SyntheticExplorerSource(seed: 3, userCount: 20, itemCount: 30, latency: 0)
    private let lock = NSLock()
    private var inside = 0
    private var started = 0
    let latency: Double
    init(latency: Double) { self.latency = latency }

    var title: String { base.title }
    var users: [ExplorerUser] { base.users }
    var items: [ExplorerItem] { base.items }
    var domains: [String] { base.domains }
    var tasks: [String] { base.tasks }
    /// Calls of `scores` in progress, and calls started so far.
    var calls: (inside: Int, started: Int) {
      lock.lock()
      defer { lock.unlock() }
      return (inside, started)
    }
    func scores(user: Int, domain: Int) -> [[Float]] {
      lock.lock()
      inside += 1
      started += 1
      lock.unlock()
      Thread.sleep(forTimeInterval: latency)
      defer {
        lock.lock()
        inside -= 1
        lock.unlock()
      }
      return base.scores(user: user, domain: domain)
    }
    func gates(user: Int, item: Int, domain: Int) -> GateReadout {
      base.gates(user: user, item: item, domain: domain)
    }
    func averageEPNetGates(domain: Int) -> [Float] { base.averageEPNetGates(domain: domain) }
  }

  @Test func shutdownWaitsForTheJobInFlightAndStartsNoOther() {
    let source = SlowSource(latency: 0.2)
    let worker = ExplorerWorker(source: source)
    worker.submit([.computeScores(user: 1, domain: 0)])
    worker.prefetch([(user: 2, domain: 0), (user: 1, domain: 1)])
    let deadline = Date().addingTimeInterval(5)
    while source.calls.inside == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
    #expect(source.calls.inside == 1, "the worker is scoring")
    worker.shutdown()
    #expect(source.calls.inside == 0, "shutdown returned while the worker was still scoring")
    worker.submit([.computeScores(user: 3, domain: 0)])
    Thread.sleep(forTimeInterval: 0.05)
    #expect(source.calls == (0, 1), "no work starts after shutdown (prefetch hints included)")
  }
}
