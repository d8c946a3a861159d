import Foundation
import PepnetTestSupport
import Testing

/// Issue 18, item 5 through the real binary: in a bundle trained with a high `--id-min-count`,
/// users and items of users.csv and items.csv that the vocabulary dropped are said to be scored
/// through the OOV embedding by `rank` (`user_known`, each item's `known`), `gates` (`user_known`,
/// `item_known`) and the explorer (the mark after the id, the profile's line).
@Suite(.serialized) struct UnknownIdCommandTests {
  /// The fixture's train split gives its users 11 to 137 impressions and its items 1 to 136:
  /// at 15 five users and about a fifth of the items are unknown.
  static let threshold = "15"

  /// A bundle trained once on the fixture dataset, with its known and unknown ids.
  struct Trained {
    var dir: URL
    var model: String
    var unknownUsers: [String]
    var knownUsers: [String]
    var unknownItems: Set<String>
    var items: [String]
  }

  static let trained: Result<Trained, Error> = Result {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-unknown-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let model = dir.appendingPathComponent("m").path
    let run = try PepnetProcess.run([
      "train", "--data", DataFormatCommandTests.dataset.path, "--out", model, "--epochs", "1", "--tower", "8",
      "--emb-dim", "4", "--gate-hidden", "4", "--no-checkpoint", "--id-min-count", threshold,
    ])
    guard run.exitStatus == 0 else { throw CommandFailure(text: run.stderr) }
    let pipeline =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model + "/pipeline.json")))
      as! [String: Any]
    func tokens(_ key: String) -> Set<String> {
      Set((pipeline[key] as! [String: Any])["tokens"] as! [String])
    }
    func ids(_ key: String) -> [String] { (pipeline[key] as! [String: Any])["ids"] as! [String] }
    let userTokens = tokens("user_ids")
    let itemTokens = tokens("item_ids")
    return Trained(
      dir: dir, model: model, unknownUsers: ids("users").filter { !userTokens.contains($0) },
      knownUsers: ids("users").filter(userTokens.contains),
      unknownItems: Set(ids("items").filter { !itemTokens.contains($0) }), items: ids("items"))
  }

  struct CommandFailure: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
  }

  func json(_ arguments: [String]) throws -> [String: Any] {
    let run = try PepnetProcess.run(arguments)
    #expect(run.exitStatus == 0, "\(run.stderr)")
    return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
  }

  @Test func theThresholdLeavesSomeIdsUnknown() throws {
    let t = try Self.trained.get()
    #expect(Set(t.unknownUsers) == ["u4", "u6", "u34", "u38", "u39"], "\(t.unknownUsers)")
    #expect(!t.unknownItems.isEmpty && t.unknownItems.count < t.items.count / 2, "\(t.unknownItems)")
  }

  @Test func rankSaysWhichIdsAreUnknown() throws {
    let t = try Self.trained.get()
    for (user, known) in [(t.unknownUsers[0], false), (t.knownUsers[0], true)] {
      let ranked = try json([
        "rank", "--model", t.model, "--user", user, "--domain", "featured", "--candidates", "all", "--top",
        "60", "--json",
      ])
      #expect(ranked["user_known"] as? Bool == known, "\(user)")
      let items = ranked["items"] as! [[String: Any]]
      #expect(items.count == t.items.count)
      for item in items {
        let id = item["item"] as! String
        #expect(item["known"] as? Bool == !t.unknownItems.contains(id), "\(id)")
      }
    }
    let text = try PepnetProcess.run([
      "rank", "--model", t.model, "--user", t.unknownUsers[0], "--domain", "featured", "--candidates", "all",
      "--top", "60",
    ])
    #expect(
      text.stdout.contains(
        "user \(t.unknownUsers[0]) is unknown to the model (fewer than id_min_count 15 train impressions):"
          + " scored through the out-of-vocabulary embedding"), "\(text.stdout)")
    let unknownItem = t.unknownItems.sorted()[0]
    #expect(
      text.stdout.split(separator: "\n").contains { $0.contains(" \(unknownItem)° ") }, "\(text.stdout)")
    #expect(text.stdout.contains("°: an item unknown to the model"))
    // A known user's text has no such line.
    let known = try PepnetProcess.run([
      "rank", "--model", t.model, "--user", t.knownUsers[0], "--domain", "featured", "--top", "3",
    ])
    #expect(!known.stdout.contains("is unknown to the model"))
  }

  @Test func gatesSayWhetherTheUserAndTheItemAreKnown() throws {
    let t = try Self.trained.get()
    let unknownItem = t.unknownItems.sorted()[0]
    let knownItem = t.items.first { !t.unknownItems.contains($0) }!
    let both = try json([
      "gates", "--model", t.model, "--user", t.unknownUsers[0], "--item", unknownItem, "--domain", "featured",
      "--json",
    ])
    #expect(both["user_known"] as? Bool == false && both["item_known"] as? Bool == false)
    let neither = try json([
      "gates", "--model", t.model, "--user", t.knownUsers[0], "--item", knownItem, "--domain", "featured",
      "--json",
    ])
    #expect(neither["user_known"] as? Bool == true && neither["item_known"] as? Bool == true)
    let text = try PepnetProcess.run([
      "gates", "--model", t.model, "--user", t.unknownUsers[0], "--item", unknownItem, "--domain", "featured",
    ])
    #expect(text.stdout.contains("user \(t.unknownUsers[0]) is unknown to the model"))
    #expect(text.stdout.contains("item \(unknownItem) is unknown to the model"))
  }

  /// The explorer's source takes the vocabulary's word for it: the mark after an unknown user's
  /// id and in the profile, none for a known user.
  @Test func theExplorerMarksUnknownUsers() throws {
    let t = try Self.trained.get()
    let user = t.unknownUsers[0]
    let frame = try PepnetProcess.run([
      "explore", t.model, "--snapshot", "--user", user, "--domain", "featured", "--size", "120x40",
    ])
    #expect(frame.exitStatus == 0, "\(frame.stderr)")
    #expect(frame.stdout.contains("Profile \(user)°"), "\(frame.stdout)")
    #expect(frame.stdout.contains("° unknown: OOV embedding"))
    #expect(frame.stdout.contains("\(user)°·featured"))
    let known = try PepnetProcess.run([
      "explore", t.model, "--snapshot", "--user", t.knownUsers[0], "--size", "120x40",
    ])
    #expect(known.stdout.contains("Profile \(t.knownUsers[0]) "))
    #expect(!known.stdout.contains("unknown: OOV"))
  }
}
