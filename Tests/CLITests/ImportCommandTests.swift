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

  /// The schema settings given as flags land in schema.json; left out, they are left out.
  @Test func numericAndThresholdFlagsAreWrittenIntoTheSchema() throws {
    let fixture = try ErrorFixture.shared.get()
    let s = try Scratch(fixture: fixture, name: "import_numeric_flags")
    defer { s.remove() }
    try s.write("log.csv", Self.log)
    let flags = [
      "--split-by", "ts", "--numeric", "hour", "--numeric-buckets", "3", "--id-min-count", "1",
      "--feature-min-count", "2",
    ]
    let r = try fixture.run(importArguments(s, out: "d", split: flags))
    try #require(r.status == 0, "\(r.stderr)")
    let schema = try JSONSerialization.jsonObject(with: Data(read(s, "d/schema.json").utf8)) as? [String: Any]
    #expect(schema?["numeric"] as? [String] == ["hour"])
    #expect(schema?["numeric_buckets"] as? Int == 3)
    #expect(schema?["id_min_count"] as? Int == 1)
    #expect(schema?["feature_min_count"] as? Int == 2)
    let plain = try fixture.run(importArguments(s, out: "e", split: ["--split-by", "ts"]))
    try #require(plain.status == 0, "\(plain.stderr)")
    let keys = Set(
      (try JSONSerialization.jsonObject(with: Data(read(s, "e/schema.json").utf8)) as? [String: Any])?.keys
        .map { $0 } ?? [])
    #expect(keys.isDisjoint(with: ["numeric", "numeric_buckets", "id_min_count"]) && keys.contains("users"))
  }

  /// `--out` may be a folder `pepnet import` wrote (its import.json): importing again replaces it.
  @Test func importingAgainReplacesTheFolderItWrote() throws {
    let fixture = try ErrorFixture.shared.get()
    let s = try Scratch(fixture: fixture, name: "import_again")
    defer { s.remove() }
    try s.write("log.csv", Self.log)
    let first = try fixture.run(importArguments(s, out: "d", split: ["--split-by", "ts"]))
    try #require(first.status == 0, "\(first.stderr)")
    let record = try JSONSerialization.jsonObject(with: Data(read(s, "d/import.json").utf8)) as? [String: Any]
    #expect(record?["format"] as? String == "pepnet-import" && record?["rows"] as? Int == 12)
    let again = try fixture.run(importArguments(s, out: "d", split: ["--split", "0.5,0.25"]))
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try read(s, "d/valid.csv").split(separator: "\n").count == 4, "the second import's split")
  }

  /// `--item-domain tabs=|`: each domain's candidates are the items the log lists for it. n3 is
  /// listed for tech only although the log also shows it in sports, n2 for both.
  @Test func itemDomainListsTheCandidatesThatRankRanks() throws {
    let fixture = try ErrorFixture.shared.get()
    let s = try Scratch(fixture: fixture, name: "import_item_domain")
    defer { s.remove() }
    let tabs = ["n1": "sports", "n2": "tech|sports", "n3": "tech"]
    let lines = Self.log.split(separator: "\n").map(String.init)
    let log =
      ([lines[0] + ",tabs"]
      + lines.dropFirst().map { line in
        "\(line),\(tabs[String(line.split(separator: ",")[2])]!)"
      }).joined(separator: "\n") + "\n"
    try s.write("log.csv", log)
    let r = try fixture.run(
      importArguments(
        s, out: "d", split: ["--split-by", "ts", "--item-domain", "tabs=|", "--id-min-count", "1"]))
    try #require(r.status == 0, "\(r.stderr)")
    let schema = try JSONSerialization.jsonObject(with: Data(read(s, "d/schema.json").utf8)) as? [String: Any]
    let items = schema?["items"] as? [String: Any]
    #expect(items?["domain"] as? String == "tabs" && items?["domain_separator"] as? String == "|")
    #expect(try read(s, "d/items.csv").hasPrefix("news,headline,topic,tabs\nn3,Robots,ai,tech\n"))
    let trained = try fixture.run([
      "train", "--data", s.path("d"), "--out", s.path("m"), "--epochs", "1", "--tower", "8", "--emb-dim", "4",
      "--gate-hidden", "8", "--batch-size", "4",
    ])
    try #require(trained.status == 0, "\(trained.stderr)")
    for (domain, expected) in [("sports", ["n1", "n2"]), ("tech", ["n2", "n3"])] {
      let ranked = try fixture.run([
        "rank", "--model", s.path("m"), "--user", "u1", "--domain", domain, "--json",
      ])
      try #require(ranked.status == 0, "\(ranked.stderr)")
      let json = try JSONSerialization.jsonObject(with: Data(ranked.stdout.utf8)) as? [String: Any]
      let ids = (json?["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String }
      #expect(Set(ids ?? []) == Set(expected), "\(domain)")
      let text = try fixture.run(["rank", "--model", s.path("m"), "--user", "u1", "--domain", domain])
      #expect(text.stdout.hasPrefix("top 2 for user u1 in \(domain) among the 2 items listed for \(domain),"))
    }
    // The explorer names them so too (its first domain is sports).
    let frame = try fixture.run(["explore", s.path("m"), "--snapshot", "--size", "120x40"])
    #expect(frame.status == 0, "\(frame.stderr)")
    #expect(frame.stdout.contains("candidates: listed for sports"), "\(frame.stdout)")
  }
}
