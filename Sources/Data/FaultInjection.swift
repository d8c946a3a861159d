import Foundation

/// A test hook that stops a save half-way so that a test can `kill -9` the process at exactly that
/// point and check that the previous bundle or checkpoint is still intact.
///
/// Set `PEPNET_FAULT_PAUSE=<point>[@<n>]:<marker file>`: on reaching `<point>` for the n-th time
/// (default: the first) the process creates the marker file and sleeps for up to ten minutes,
/// waiting to be killed. Unset (always, outside tests), it costs one environment lookup per save.
public enum FaultInjection {
  public enum Point: String, CaseIterable, Sendable {
    /// Inside the build of a model bundle's new directory, with some files written.
    case bundleMidWrite = "bundle-mid-write"
    /// Inside the build of a checkpoint's new directory, with some files written.
    case checkpointMidWrite = "checkpoint-mid-write"
    /// After a new directory is complete and synced, just before it is swapped in.
    case beforeSwap = "before-swap"
  }

  public static let environmentVariable = "PEPNET_FAULT_PAUSE"

  /// How often each point has been reached (saves run on one thread at a time).
  nonisolated(unsafe) private static var visits: [Point: Int] = [:]

  public static func pauseIfRequested(at point: Point) {
    guard let request = ProcessInfo.processInfo.environment[environmentVariable],
      let colon = request.firstIndex(of: ":")
    else { return }
    let target = request[..<colon].split(separator: "@", maxSplits: 1)
    guard target.first.map(String.init) == point.rawValue else { return }
    let occurrence = target.count == 2 ? Int(target[1]) ?? 1 : 1
    visits[point, default: 0] += 1
    guard visits[point] == occurrence else { return }
    let marker = String(request[request.index(after: colon)...])
    _ = FileManager.default.createFile(atPath: marker, contents: Data(point.rawValue.utf8))
    sleep(600)
  }
}
