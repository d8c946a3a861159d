import Foundation

@testable import PepnetExplorer

/// Time that moves only when told: `sleep` advances it at once, after running the executor's next
/// job if it was given one (a loop that sleeps between polls lets its worker run then; a job that
/// sleeps, such as the synthetic model's latency, only advances the time).
final class ManualClock: ExplorerClock, @unchecked Sendable {
  private let lock = NSLock()
  private var time: Double = 0
  private let executor: ManualExecutor?

  init(runningWhileAsleep executor: ManualExecutor? = nil) { self.executor = executor }

  var now: Double { lock.withLock { time } }
  func sleep(_ seconds: Double) {
    executor?.runNext()
    lock.withLock { time += max(0, seconds) }
  }
  /// Moves the clock to `moment` unless it is past it already.
  func advance(to moment: Double) { lock.withLock { time = max(time, moment) } }
}

/// A worker executor that runs queued work only when told, on the caller's thread (as swift-nio's
/// EmbeddedEventLoop does): a test decides what the worker has done between two inputs. Like a
/// serial queue it runs one job at a time: asked to run from inside a job, it does nothing.
final class ManualExecutor: WorkerExecutor, @unchecked Sendable {
  private let lock = NSLock()
  private var queue: [@Sendable () -> Void] = []
  private var inJob = false

  func execute(_ work: @escaping @Sendable () -> Void) { lock.withLock { queue.append(work) } }
  /// Work waiting to run.
  var queued: Int { lock.withLock { queue.count } }

  /// Runs the oldest queued work (one worker job); returns whether there was any.
  @discardableResult
  func runNext() -> Bool {
    let work: (@Sendable () -> Void)? = lock.withLock {
      guard !inJob, !queue.isEmpty else { return nil }
      inJob = true
      return queue.removeFirst()
    }
    guard let work else { return false }
    work()
    lock.withLock { inJob = false }
    return true
  }

  /// Runs queued work, and what it queues, until none is left.
  func runAll() { while runNext() {} }
  func waitForQueued() { runAll() }
}

/// A terminal in memory for the input loop: scripted input at moments of a manual clock, frames kept.
/// While the loop waits for input the worker runs one job (its latency passes on the clock), so a
/// slow model and fast keys interleave the same way on every run.
final class MemoryTerminal: TerminalBackend {
  let size: GridSize
  private let clock: ManualClock
  private let executor: ManualExecutor
  private var script: [(at: Double, event: InputEvent)]
  /// Past this moment the terminal types Ctrl-C, so a loop that never ends fails instead of hanging.
  let giveUpAt: Double
  private(set) var gaveUp = false
  private(set) var reads = 0
  private(set) var frames = 0
  private(set) var lastFrame: CellGrid?
  private(set) var closes = 0
  /// Reads or draws after `close`.
  private(set) var usedAfterClose = 0
  /// Called after every frame.
  var onDraw: ((CellGrid) -> Void)?

  init(
    size: GridSize = GridSize(width: 120, height: 40), clock: ManualClock, executor: ManualExecutor,
    script: [(at: Double, event: InputEvent)], giveUpAt: Double = 600
  ) {
    self.size = size
    self.clock = clock
    self.executor = executor
    self.script = script.sorted { $0.at < $1.at }
    self.giveUpAt = giveUpAt
  }

  /// Key presses `every` seconds from `start`.
  static func presses(_ keys: [Key], from start: Double, every: Double) -> [(at: Double, event: InputEvent)] {
    keys.enumerated().map { (at: start + Double($0.offset) * every, event: .key($0.element)) }
  }

  var isClosed: Bool { closes > 0 }
  /// Scripted events not read yet.
  var scriptLeft: Int { script.count }

  func read(timeoutMs: Int) -> InputEvent? {
    reads += 1
    if isClosed { usedAfterClose += 1 }
    if clock.now > giveUpAt {
      gaveUp = true
      return .key(.ctrlC)
    }
    let deadline = clock.now + Double(timeoutMs) / 1000
    if let event = takeDue() { return event }
    guard timeoutMs > 0 else { return nil }
    executor.runNext()
    if let event = takeDue() { return event }
    if let next = script.first, next.at <= deadline {
      clock.advance(to: next.at)
      return takeDue()
    }
    clock.advance(to: deadline)
    return nil
  }

  private func takeDue() -> InputEvent? {
    guard let first = script.first, first.at <= clock.now else { return nil }
    script.removeFirst()
    return first.event
  }

  func draw(_ grid: CellGrid) {
    if isClosed { usedAfterClose += 1 }
    frames += 1
    lastFrame = grid
    onDraw?(grid)
  }

  func close() { closes += 1 }
}

/// A synthetic source that records its calls (user, domain and the clock's time of each `scores`),
/// and can run a hook inside `scores`, as if something happened while the model was busy.
final class RecordingSource: ExplorerDataSource, @unchecked Sendable {
  let base: SyntheticExplorerSource
  private let clock: ExplorerClock
  private let lock = NSLock()
  private var scoreLog: [(user: Int, domain: Int, at: Double)] = []
  private var gateLog: [(user: Int, item: Int, domain: Int)] = []
  /// Runs at the start of every `scores` call.
  var duringScores: ((Int, Int) -> Void)?

  init(latency: Double = 0, clock: ExplorerClock = ManualClock()) {
    base = SyntheticExplorerSource(seed: 42, latency: latency, clock: clock)
    self.clock = clock
  }

  var scoreCalls: [(user: Int, domain: Int, at: Double)] { lock.withLock { scoreLog } }
  var gateCalls: [(user: Int, item: Int, domain: Int)] { lock.withLock { gateLog } }

  var title: String { base.title }
  var users: [ExplorerUser] { base.users }
  var items: [ExplorerItem] { base.items }
  var domains: [String] { base.domains }
  var tasks: [String] { base.tasks }
  func scores(user: Int, domain: Int) -> [[Float]] {
    let at = clock.now
    lock.withLock { scoreLog.append((user, domain, at)) }
    duringScores?(user, domain)
    return base.scores(user: user, domain: domain)
  }
  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    lock.withLock { gateLog.append((user, item, domain)) }
    return base.gates(user: user, item: item, domain: domain)
  }
  func averageEPNetGates(domain: Int) -> [Float] { base.averageEPNetGates(domain: domain) }
}
