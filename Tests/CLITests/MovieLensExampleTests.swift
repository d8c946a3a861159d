import Foundation
import PepnetTestSupport
import Testing

/// Issue 18 item 4, docs/data-format.md's MovieLens-style worked example through the real binary:
/// its `pepnet import` command, run on `Tests/Fixtures/import-examples/movielens/ratings.csv` (60 ratings
/// written for the test, not MovieLens data), writes a schema with multi-valued genres; a tiny
/// model trains on it, and `encode`, `rank`, `gates` and the explorer serve the pooled field.
@Suite struct MovieLensExampleTests {
  static let log = PepnetProcess.root.appendingPathComponent(
    "Tests/Fixtures/import-examples/movielens/ratings.csv")
  static let docs = PepnetProcess.root.appendingPathComponent("docs/data-format.md")

  /// The documented `pepnet import --log ratings.csv ...` command as arguments (continuation lines
  /// joined, single quotes removed), with the log and `--out` pointed at the fixture and `out`.
  static func documentedImport(out: String) throws -> [String] {
    let text = try String(contentsOf: docs, encoding: .utf8)
    let start = try #require(text.range(of: "pepnet import --log ratings.csv"))
    var command = ""
    for line in text[start.lowerBound...].split(separator: "\n") {
      command += line.hasSuffix("\\") ? String(line.dropLast()) : String(line)
      if !line.hasSuffix("\\") { break }
    }
    var arguments: [String] = []
    var word = ""
    var quoted = false
    for c in command {
      if c == "'" {
        quoted.toggle()
      } else if c == " " && !quoted {
        if !word.isEmpty { arguments.append(word) }
        word = ""
      } else {
        word.append(c)
      }
    }
    if !word.isEmpty { arguments.append(word) }
    #expect(arguments.first == "pepnet")
    return arguments.dropFirst().map { $0 == "ratings.csv" ? log.path : $0 == "ml-data" ? out : $0 }
  }

  @Test func theWorkedExampleImportsTrainsAndServesPooledGenres() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-ml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    let arguments = try Self.documentedImport(out: path("d"))
    #expect(arguments.contains("--multi") && arguments.contains("genres=|"), "\(arguments)")
    let imported = try PepnetProcess.run(arguments)
    try #require(imported.exitStatus == 0, "\(imported.stderr)")
    let schemaData = try Data(contentsOf: URL(fileURLWithPath: path("d/schema.json")))
    let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
    #expect(schema["multi"] as? [String: String] == ["genres": "|"])
    let items = try String(contentsOfFile: path("d/items.csv"), encoding: .utf8)
    #expect(items.contains("Animation|Children's|Comedy"), "the cells keep their values")

    let trained = try PepnetProcess.run([
      "train", "--data", path("d"), "--out", path("m"), "--epochs", "1", "--tower", "8", "--emb-dim", "4",
      "--gate-hidden", "4", "--batch-size", "8", "--id-min-count", "1", "--no-checkpoint",
    ])
    try #require(trained.exitStatus == 0, "\(trained.stderr)")
    let configData = try Data(contentsOf: URL(fileURLWithPath: path("m/config.json")))
    let config = try JSONSerialization.jsonObject(with: configData) as! [String: Any]
    let fields = (config["model"] as! [String: Any])["fields"] as! [[String: Any]]
    let genres = try #require(fields.first { $0["name"] as? String == "genres" })
    #expect(genres["maxValues"] as? Int == 16)
    // One vocabulary entry per genre, not per combination of genres.
    let pipelineData = try Data(contentsOf: URL(fileURLWithPath: path("m/pipeline.json")))
    let pipeline = try JSONSerialization.jsonObject(with: pipelineData) as! [String: Any]
    let tokens = ((pipeline["item_features"] as! [[String: Any]])[0]["tokens"] as! [String])
    #expect(
      tokens.contains("Comedy") && tokens.contains("Children's") && !tokens.contains { $0.contains("|") })
    #expect(genres["vocabularySize"] as? Int == tokens.count + 1)

    let encoded = try PepnetProcess.run(["encode", "--data", path("d"), "--out", path("enc")])
    try #require(encoded.exitStatus == 0, "\(encoded.stderr)")
    let ranked = try PepnetProcess.run([
      "rank", "--model", path("m"), "--user", "u1", "--domain", "under25", "--json",
    ])
    #expect(ranked.exitStatus == 0, "\(ranked.stderr)")
    let gates = try PepnetProcess.run([
      "gates", "--model", path("m"), "--user", "u1", "--domain", "under25", "--item", "m1", "--json",
    ])
    #expect(gates.exitStatus == 0 && gates.stdout.contains("\"genres\""), "\(gates.stderr)")
    let frame = try PepnetProcess.run(["explore", path("m"), "--snapshot", "--size", "120x40"])
    #expect(frame.exitStatus == 0, "\(frame.stderr)")
    #expect(frame.stdout.contains("genres"), "the EPNet pane gates the pooled field")
  }
}
