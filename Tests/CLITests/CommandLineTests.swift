import Foundation
import PepnetTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real `pepnet` binary on the shipped sample bundle: JSON shapes and one-line errors with the
/// documented exit statuses.
@Suite(.serialized) struct CommandLineTests {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let root = PepnetProcess.root
  static let binary = PepnetProcess.binary

  /// Runs `pepnet` with `arguments` in the package root (stdin from /dev/null).
  func pepnet(_ arguments: [String]) throws -> Result {
    let binary = try #require(Self.binary, "pepnet binary not found next to the tests")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out").path
    let err = dir.appendingPathComponent("err").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(Self.root.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
    try #require(spawned == 0, "posix_spawn failed: \(spawned)")
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Result(
      status: exitStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
  }

  @Test func rankPrintsTheDocumentedJSON() throws {
    let r = try pepnet([
      "rank", "--user", "u5", "--domain", "featured", "--top", "3", "--task", "like", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(json["user"] as? String == "u5")
    #expect(json["domain"] as? String == "featured")
    let tasks = try #require(json["tasks"] as? [String])
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.count == 3)
    let likes = items.compactMap { ($0["scores"] as? [String: Double])?["like"] }
    #expect(likes.count == 3 && likes == likes.sorted(by: >), "sorted by the chosen task")
    #expect((items[0]["scores"] as? [String: Double])?.keys.sorted() == tasks.sorted())
  }

  @Test func gatesPrintsEPNetAndPPNet() throws {
    let r = try pepnet(["gates", "--user", "u5", "--domain", "featured", "--item", "i3", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let epnet = try #require(json["epnet"] as? [String: [Double]])
    let ppnet = try #require(json["ppnet"] as? [String: [[Double]]])
    let configData = try Data(contentsOf: Self.root.appendingPathComponent("sample-data/model/config.json"))
    let config = try #require(try JSONSerialization.jsonObject(with: configData) as? [String: Any])
    let model = try #require(config["model"] as? [String: Any])
    #expect(epnet["user_id"]?.count == model["embeddingDim"] as? Int)
    #expect(ppnet.count == (config["tasks"] as? [String])?.count)
    let gamma = try #require(json["gamma"] as? Double)
    #expect(epnet.values.joined().allSatisfy { $0 > 0 && $0 < gamma })
  }

  @Test func unknownNamesFailWithTheClosestOnes() throws {
    let r = try pepnet(["rank", "--user", "u5x", "--domain", "featured"])
    #expect(r.status == 1)
    #expect(r.stderr == "pepnet: unknown user 'u5x'; closest: u5, u50, u51\n")
    let d = try pepnet(["gates", "--user", "u5", "--domain", "featurd", "--item", "i3"])
    #expect(d.status == 1)
    #expect(d.stderr.hasPrefix("pepnet: unknown domain 'featurd'; closest: featured"))
    #expect(r.stdout.isEmpty && d.stdout.isEmpty)
  }

  @Test func usageErrorsExitWithTwo() throws {
    let r = try pepnet(["train", "--data", "sample-data/dataset", "--out", "/tmp/never", "--tower", "12,abc"])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("pepnet: --tower wants comma-separated positive widths"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/never"))
    let unknown = try pepnet(["frobnicate"])
    #expect(unknown.status == 2)
  }

  @Test func missingBundleAndDataAreOneLineErrors() throws {
    let r = try pepnet(["rank", "--model", "/nonexistent/bundle", "--user", "u1", "--domain", "featured"])
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "pepnet: /nonexistent/bundle: no such model bundle (expected a directory with config.json)\n")
    let e = try pepnet(["eval", "--model", "sample-data/model", "--data", "/nonexistent/data"])
    #expect(e.status == 1)
    #expect(e.stderr.hasPrefix("pepnet: /nonexistent/data/schema.json:"))
    #expect(e.stderr.filter { $0 == "\n" }.count == 1)
  }
}
