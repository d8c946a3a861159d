import Foundation

/// A fresh temporary folder, removed by `remove()`.
struct TempDir {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-data-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) -> String {
    let path = url.appendingPathComponent(name).path
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
