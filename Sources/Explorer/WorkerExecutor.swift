import Dispatch

/// Where the explorer's worker runs its jobs, one at a time and in order. The binary uses a serial
/// background queue; tests pass a manual executor that runs queued jobs only when told, so what
/// the worker does between two key presses is decided by the test, not by thread scheduling.
protocol WorkerExecutor: Sendable {
  /// Queues `work` after everything queued before it; returns at once.
  func execute(_ work: @escaping @Sendable () -> Void)
  /// Returns once everything queued before the call has run.
  func waitForQueued()
}

/// A serial dispatch queue at user-initiated priority: the worker's thread in the binary.
struct SerialQueueExecutor: WorkerExecutor {
  private let queue = DispatchQueue(label: "pepnet.explorer.worker", qos: .userInitiated)
  func execute(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }
  func waitForQueued() { queue.sync {} }
}
