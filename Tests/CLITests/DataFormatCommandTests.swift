import Foundation
import PepnetTestSupport
import Testing

/// Issue 18 through the real binary: a dataset without an author column trains into a bundle
/// whose fields have no `author_id` and which `rank` serves; `train` prints the share of valid and
/// test rows with an unknown user or item, for the threshold in use.
@Suite struct DataFormatCommandTests {
  static let dataset = PepnetProcess.root.appendingPathComponent(
    "Tests/Fixtures/bundle-before-tie-fix/dataset")

  /// A copy of the fixture dataset in a new temporary folder, with `schema.json` changed.
  func copy(_ change: (inout [String: Any]) -> Void) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-format-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let data = dir.appendingPathComponent("d")
    try FileManager.default.copyItem(at: Self.dataset, to: data)
    let schemaURL = data.appendingPathComponent("schema.json")
    var schema = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as! [String: Any]
    change(&schema)
    try JSONSerialization.data(withJSONObject: schema).write(to: schemaURL)
    return dir
  }

  func train(_ dir: URL, _ extra: [String] = []) throws -> PepnetProcess {
    try PepnetProcess.run(
      [
        "train", "--data", dir.appendingPathComponent("d").path, "--out",
        dir.appendingPathComponent("m").path,
        "--epochs", "1", "--tower", "8", "--emb-dim", "4", "--gate-hidden", "4", "--no-checkpoint",
      ] + extra)
  }

  @Test func aLogWithoutAuthorsTrainsAndServes() throws {
    let dir = try copy { schema in
      var items = schema["items"] as! [String: Any]
      items["author_id"] = nil
      schema["items"] = items
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    let trained = try train(dir)
    #expect(trained.exitStatus == 0, "\(trained.stderr)")
    let config =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("m/config.json"))) as! [String: Any]
    let fields = (config["model"] as! [String: Any])["fields"] as! [[String: Any]]
    let priors = fields.filter { $0["isPrior"] as? Bool == true }.map { $0["name"] as! String }
    #expect(priors == ["user_id", "item_id"])
    let ranked = try PepnetProcess.run([
      "rank", "--model", dir.appendingPathComponent("m").path, "--user", "u0", "--domain", "featured",
      "--top", "3",
    ])
    #expect(ranked.exitStatus == 0, "\(ranked.stderr)")
    #expect(ranked.stdout.split(separator: "\n").count >= 3)
  }

  @Test func trainPrintsTheUnknownShareForItsThreshold() throws {
    let dir = try copy { $0["id_min_count"] = 5 }
    defer { try? FileManager.default.removeItem(at: dir) }
    let strict = try train(dir)
    #expect(strict.exitStatus == 0, "\(strict.stderr)")
    #expect(strict.stderr.contains("rows with an unknown user / item (id_min_count 5): valid "))
    // The option overrides the schema; with 1 every train id is known.
    let loose = try train(dir, ["--id-min-count", "1"])
    #expect(loose.stderr.contains("rows with an unknown user / item (id_min_count 1): valid "))
    let config =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("m/config.json"))) as! [String: Any]
    let fields = (config["model"] as! [String: Any])["fields"] as! [[String: Any]]
    let users = try #require(fields.first { $0["name"] as? String == "user_id" })
    #expect(users["vocabularySize"] as? Int == 41)  // 40 users, all seen in train, plus OOV
  }
}
