import Foundation
import PepnetTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The fixture of the error cases (`ErrorCases`, run by `ErrorCaseTests`): the tiny dataset and
/// bundles every case starts from, one scratch directory per case, and the message matcher.

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// `*` matches any run of characters; everything else is literal.
enum Glob {
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
      if pi < p.count && p[pi] != "*" && p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}

/// The fixture directory, removed when the test process exits.
nonisolated(unsafe) private var fixtureRoot: String?

/// The binary, the tiny dataset and bundles every case starts from, in a world-readable
/// directory (the permission cases run as `nobody`).
final class ErrorFixture: Sendable {
  struct Failure: Error, CustomStringConvertible { var description: String }
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  let root: String
  let binary: String
  let data: String
  let model: String
  let dnn: String
  let runAsNobody: Bool

  static let shared: Swift.Result<ErrorFixture, Failure> = {
    do { return .success(try ErrorFixture()) } catch let error as Failure { return .failure(error) } catch {
      return .failure(Failure(description: "\(error)"))
    }
  }()

  private init() throws {
    guard let binary = PepnetBinary.path else {
      throw Failure(description: "pepnet binary not found next to the tests (set PEPNET_BINARY)")
    }
    self.binary = binary
    runAsNobody = geteuid() == 0
    root =
      FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-errors-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    // The shared fixture lives until the test process exits; remove its directory then.
    fixtureRoot = root
    atexit { if let root = fixtureRoot { try? FileManager.default.removeItem(atPath: root) } }
    chmod(root, 0o755)
    data = root + "/data"
    model = root + "/model"
    dnn = root + "/dnn"
    let setup: [[String]] = [
      [
        "generate", "--out", data, "--seed", "3", "--users", "20", "--items", "30", "--authors", "5",
        "--impressions", "2000",
      ],
      [
        "train", "--data", data, "--out", model, "--epochs", "1", "--batch-size", "256", "--tower", "8",
        "--emb-dim", "4",
        "--gate-hidden", "8",
      ],
      [
        "train", "--data", data, "--out", dnn, "--arch", "dnn", "--epochs", "1", "--batch-size", "256",
        "--tower", "8",
        "--emb-dim", "4",
      ],
    ]
    for arguments in setup {
      let r = try run(arguments)
      guard r.status == 0 else {
        throw Failure(description: "fixture `pepnet \(arguments.joined(separator: " "))` failed: \(r.stderr)")
      }
    }
    if runAsNobody {
      let r = try run(
        ["rank", "--model", model, "--user", "u1", "--domain", "featured", "--top", "1"], asNobody: true)
      guard r.status == 0 else {
        throw Failure(
          description: "cannot run \(binary) as nobody (is its directory world-traversable?): \(r.stderr)")
      }
    }
  }

  /// Runs the binary (as `nobody` when asked and running as root) with stdin from /dev/null and
  /// without TERM and NO_COLOR (the environment's `NAME=value` entries are added), stopping it
  /// after 60 s.
  func run(
    _ arguments: [String], asNobody: Bool = false, executable: String? = nil, environment: [String]? = nil
  ) throws -> Result {
    var variables: [String: String] = [:]
    for entry in environment ?? [] {
      let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      variables[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    let process = try PepnetProcess(
      arguments, executable: executable ?? binary, environment: variables, removing: ["TERM", "NO_COLOR"],
      asNobody: asNobody && runAsNobody)
    let status = try process.wait(seconds: 60)
    return Result(status: status, stdout: process.stdout, stderr: process.stderr)
  }
}

/// One case's directory under the fixture root, with helpers to copy and break inputs there.
final class Scratch: @unchecked Sendable {
  let fixture: ErrorFixture
  let dir: String
  /// Values recorded by the setup (line and column numbers) for the expected message.
  var vars: [String: String] = [:]

  init(fixture: ErrorFixture, name: String) throws {
    self.fixture = fixture
    dir = fixture.root + "/cases/" + name
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    Glibc.chmod(fixture.root + "/cases", 0o755)
    Glibc.chmod(dir, 0o755)
  }

  func remove() {
    // Restore permissions so that the tree can be removed.
    if let paths = FileManager.default.enumerator(atPath: dir) {
      for case let path as String in paths { Glibc.chmod(dir + "/" + path, 0o755) }
    }
    try? FileManager.default.removeItem(atPath: dir)
  }

  func path(_ relative: String) -> String { dir + "/" + relative }

  /// `{d}` becomes the case directory and `{key}` a recorded value.
  func expand(_ message: String) -> String {
    var text = message.replacingOccurrences(of: "{d}", with: dir)
    for (key, value) in vars { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
    return text
  }

  /// Every path under the case directory with its size, to see that a failed command wrote nothing.
  func listing() -> [String] {
    (FileManager.default.subpaths(atPath: dir) ?? []).sorted().map { path in
      var info = stat()
      return lstat(dir + "/" + path, &info) == 0 ? "\(path) \(info.st_size)" : path
    }
  }

  /// Copies the tiny dataset to `d` and returns its path.
  func copyData() throws -> String {
    try FileManager.default.copyItem(atPath: fixture.data, toPath: path("d"))
    return path("d")
  }

  /// Copies the tiny PEPNet bundle to `b` and returns its path.
  func copyModel() throws -> String {
    try FileManager.default.copyItem(atPath: fixture.model, toPath: path("b"))
    return path("b")
  }

  func remove(_ relative: String) throws { try FileManager.default.removeItem(atPath: path(relative)) }
  func mkdir(_ relative: String) throws {
    try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
  }
  func chmod(_ relative: String, _ mode: mode_t) throws {
    guard Glibc.chmod(path(relative), mode) == 0 else {
      throw ErrorFixture.Failure(description: "chmod \(relative)")
    }
  }
  func write(_ relative: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
  }
  func edit(_ relative: String, _ change: (String) -> String) throws {
    try write(relative, change(try String(contentsOfFile: path(relative), encoding: .utf8)))
  }
  func editBytes(_ relative: String, _ change: (inout [UInt8]) -> Void) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    change(&bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path(relative)))
  }
  func editJSON(_ relative: String, _ change: (inout [String: Any]) -> Void) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    change(&object)
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(
      to: URL(fileURLWithPath: path(relative)))
  }

  /// Sets the named column of 1-based line `line` of a CSV file (unquoted fields) and records the
  /// field's 1-based byte column as `{col}`.
  func setField(_ relative: String, line: Int, column: String, to value: String) throws {
    try edit(relative) { text in
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let index = header.firstIndex(of: column)!
      var fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      vars["col"] = "\(fields[..<index].reduce(0) { $0 + $1.utf8.count + 1 } + 1)"
      fields[index] = value
      lines[line - 1] = fields.joined(separator: ",")
      return lines.joined(separator: "\n")
    }
  }
}
