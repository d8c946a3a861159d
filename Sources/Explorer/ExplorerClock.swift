import Dispatch
import Foundation

/// Time as the explorer's runtime sees it: the terminal loop stamps ticks and latencies with `now`,
/// and the synthetic source pads its scores with `sleep`. The binary uses `SystemClock`; tests pass
/// a manual clock, so time moves only when they say (as swift-nio's EmbeddedEventLoop does).
public protocol ExplorerClock: Sendable {
  /// Seconds since an arbitrary start, monotonic.
  var now: Double { get }
  /// Lets `seconds` pass.
  func sleep(_ seconds: Double)
}

/// The real monotonic clock.
public struct SystemClock: ExplorerClock {
  private let start = DispatchTime.now().uptimeNanoseconds
  public init() {}
  public var now: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
  public func sleep(_ seconds: Double) { if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } }
}
