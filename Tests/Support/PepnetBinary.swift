import Foundation

/// Where the tests find the `pepnet` executable and the package: the one locator of the test
/// targets (CLITests, EndToEndTests and the error cases all start the binary through it).
public enum PepnetBinary {
  /// The package root: the tests' working directory for relative paths such as `sample-data`.
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `PEPNET_BINARY` when set, else the `pepnet` built beside this test bundle (whichever scratch
  /// path it was built in: `<scratch>/<triple>/debug/pepnetPackageTests.xctest` has the binary one
  /// to four levels up), else the package's own `.build`; nil when there is none.
  public static let path: String? = {
    let fm = FileManager.default
    func isExecutable(_ path: String) -> Bool {
      var isDirectory: ObjCBool = false
      return fm.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        && fm.isExecutableFile(atPath: path)
    }
    if let explicit = ProcessInfo.processInfo.environment["PEPNET_BINARY"], isExecutable(explicit) {
      return explicit
    }
    var candidates: [String] = []
    let starts = [
      URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
    ]
    for start in starts {
      var dir = start.deletingLastPathComponent()
      for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent("pepnet").path)
        dir = dir.deletingLastPathComponent()
      }
    }
    for configuration in ["debug", "release"] {
      candidates.append(root.appendingPathComponent(".build/\(configuration)/pepnet").path)
    }
    return candidates.first(where: isExecutable)
  }()
}
