import Foundation
import Testing

/// `pepnet import` end to end: a small news-style log (domain = category, no author) becomes a
/// dataset whose tables and splits are the ones worked out by hand below, and `train` runs on it.
@Suite struct ImportCommandTests {
  /// Twelve impressions, out of time order. Hand-worked: u1's age is 30s twice and 20s once, u2's
  /// 20s three times and 30s once (2 users in conflict); u4's NA is missing, so 50s is kept; n2's
  /// topic is ai twice and gadgets twice, a tie kept as ai, seen first (1 item in conflict).
  static let log = """
    ts,user,news,category,hour,click,age,topic,headline
    12,u2,n3,sports,14,0,30s,ai,Robots
    1,u1,n1,sports,9,1,30s,football,"Cup final, tonight"
    2,u1,n2,tech,9,0,30s,ai,Chips
    3,u2,n1,sports,10,0,20s,football,"Cup final, tonight"
    4,u2,n3,tech,10,1,20s,ai,Robots
    5,u3,n2,tech,11,1,40s,ai,Chips
    6,u3,n1,sports,11,1,40s,football,"Cup final, tonight"
    7,u1,n3,tech,12,0,20s,ai,Robots
    8,u2,n2,tech,12,1,20s,gadgets,Chips
    9,u3,n3,tech,13,NA,40s,ai,Robots
    10,u4,n1,sports,13,1,NA,football,"Cup final, tonight"
    11,u4,n2,tech,14,0,50s,gadgets,Chips

    """

  func importArguments(_ s: Scratch, out: String, split: [String]) -> [String] {
    [
      "import", "--log", s.path("log.csv"), "--user-id", "user", "--item-id", "news", "--domain", "category",
      "--tasks", "click", "--user-features", "age", "--item-features", "topic", "--context", "hour",
      "--title", "headline", "--missing", "NA", "--out", s.path(out),
    ] + split
  }

  func read(_ s: Scratch, _ file: String) throws -> String {
    try String(contentsOfFile: s.path(file), encoding: .utf8)
  }

  @Test func importsTablesAndTimeSplitThatTrainAccepts() throws {
    let fixture = try ErrorFixture.shared.get()
    let s = try Scratch(fixture: fixture, name: "import_news")
    defer { s.remove() }
    try s.write("log.csv", Self.log)
    let r = try fixture.run(importArguments(s, out: "d", split: ["--split-by", "ts"]))
    try #require(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout == """
        users.age: 2 ids with conflicting values; the most common kept (ties: the first seen)
        items.topic: 1 ids with conflicting values; the most common kept (ties: the first seen)
        wrote \(s.path("d")): train 10, valid 1, test 1 impressions, 4 users, 3 items, 2 domains

        """)
    #expect(try read(s, "d/users.csv") == "user,age\nu2,20s\nu1,30s\nu3,40s\nu4,50s\n")
    #expect(
      try read(s, "d/items.csv")
        == "news,headline,topic\nn3,Robots,ai\nn1,\"Cup final, tonight\",football\nn2,Chips,ai\n")
    // Sorted by ts as numbers: 1...10 train (in log order), 11 valid, 12 test.
    #expect(try read(s, "d/valid.csv") == "user,news,category,hour,click\nu4,n2,tech,14,0\n")
    #expect(try read(s, "d/test.csv") == "user,news,category,hour,click\nu2,n3,sports,14,0\n")
    let train = try read(s, "d/train.csv").split(separator: "\n")
    #expect(train.count == 11 && train[1] == "u1,n1,sports,9,1" && train[10] == "u4,n1,sports,13,1")
    let schema = try JSONSerialization.jsonObject(with: Data(read(s, "d/schema.json").utf8)) as? [String: Any]
    #expect(schema?["domains"] as? [String] == ["sports", "tech"])
    #expect(schema?["missing"] as? [String] == ["NA"])
    #expect((schema?["items"] as? [String: Any])?["author_id"] == nil)

    let trained = try fixture.run([
      "train", "--data", s.path("d"), "--out", s.path("m"), "--epochs", "1", "--tower", "8", "--emb-dim", "4",
      "--gate-hidden", "8", "--batch-size", "4", "--id-min-count", "1",
    ])
    #expect(trained.status == 0, "train runs on the imported dataset: \(trained.stderr)")
  }

  @Test func seededSplitIsReproducible() throws {
    let fixture = try ErrorFixture.shared.get()
    let s = try Scratch(fixture: fixture, name: "import_seeded")
    defer { s.remove() }
    try s.write("log.csv", Self.log)
    var splits: [[String]] = []
    for (out, seed) in [("a", "3"), ("b", "3"), ("c", "4")] {
      let r = try fixture.run(importArguments(s, out: out, split: ["--split", "0.5,0.25", "--seed", seed]))
      try #require(r.status == 0, "\(r.stderr)")
      splits.append(try ["train", "valid", "test"].map { try read(s, "\(out)/\($0).csv") })
    }
    #expect(splits[0] == splits[1], "the same seed gives the same split")
    #expect(splits[0] != splits[2], "another seed gives another split")
    #expect(splits[0].map { $0.split(separator: "\n").count - 1 } == [6, 3, 3])
  }
}
