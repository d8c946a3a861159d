import Foundation
import PepnetModel
import Testing

@testable import PepnetData

@Suite struct FeaturePipelineTests {
  @Test func fieldsFollowTheModelLayout() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let fields = pipeline.fields
    #expect(
      fields.map(\.name) == [
        "user_id", "item_id", "author_id", "age", "category", "hour", "domain", "user_domain_impressions",
        "user_domain_click_rate", "item_domain_impressions", "item_domain_click_rate",
      ])
    #expect(fields.filter(\.isPrior).map(\.name) == ["user_id", "item_id", "author_id"])
    #expect(fields.prefix(6).allSatisfy { $0.role == .general })
    #expect(fields.suffix(5).allSatisfy { $0.role == .domainSide })
    #expect(pipeline.generalFieldCount == 6 && pipeline.domainSideFieldCount == 5)
    // id min count 2: u1 (3 rows) and u2 (2) known, u3 (1) is OOV.
    #expect(pipeline.userIds.tokens == ["u1", "u2"])
    #expect(fields[0].vocabularySize == 3)
    #expect(pipeline.itemIds.tokens == ["i1", "i2"])
    #expect(pipeline.authorIds.tokens == ["a1"])  // a2 has one impression: OOV
    #expect(fields[6].vocabularySize == 3)  // two domains + OOV
    #expect(pipeline.items.titles[0] == "Noodles, hand-pulled")
  }

  /// The general row's layout is written once (`arrangeGeneral`): the field specs, the served
  /// ids and the streamed ids all follow it.
  @Test func generalRowIsArrangedOneWay() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let names = p.arrangedGeneral(
      user: ["user_id"] + p.userFeatures.map(\.name),
      item: ["item_id", "author_id"] + p.itemFeatures.map(\.name),
      context: p.context.map(\.name))
    #expect(names == p.fields.prefix(p.generalFieldCount).map(\.name))
    #expect(names == ["user_id", "item_id", "author_id", "age", "category", "hour"])
    var streamed: [Int32] = []
    try StreamingSplitEncoder(pipeline: p, chunkRows: 64).encode(
      path: dir.url.path + "/valid.csv", outOfFold: false
    ) {
      streamed += $0.generalIds
    }
    let rows = [
      ("u4", "i1", "a", "1"), ("u4", "i1", "b", "9"), ("u9", "i9", "a", "1"), ("u1", "i1", "b", "2"),
    ]
    let served = try rows.flatMap { u, i, d, h in
      try p.encode(user: u, item: i, domain: d, context: ["hour": h]).general
    }
    #expect(streamed == served)
  }

  @Test func encodesKnownUnknownAndOutOfVocabulary() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let known = try p.encode(user: "u1", item: "i1", domain: "a", context: ["hour": "1"])
    #expect(known.general[0] == p.userIds.index(of: "u1"))
    #expect(known.general[1] == p.itemIds.index(of: "i1"))
    #expect(known.general[2] == p.authorIds.index(of: "a1"))
    #expect(known.general[3] == p.userFeatures[0].index(of: "young"))
    #expect(known.general[4] == p.itemFeatures[0].index(of: "food"))
    #expect(known.general[5] == p.context[0].index(of: "1"))
    #expect(known.domainSide[0] == 1)
    #expect(known.domainSide[1] == 2)  // u1 has 2 impressions in domain a: log2 bucket 2
    // u3 is rare: OOV id, but its features and statistics are still known.
    let rare = try p.encode(user: "u3", item: "i2", domain: "a")
    #expect(rare.general[0] == 0)
    #expect(rare.general[3] == p.userFeatures[0].index(of: "young"))
    #expect(rare.domainSide[1] == 1)
    // Missing context uses the most frequent train value ("1").
    #expect(rare.general[5] == p.context[0].index(of: "1"))
    // u4 has no train rows: no statistics; u9/i9 are in no file: all OOV.
    let unseen = try p.encode(user: "u9", item: "i9", domain: "b", context: ["hour": "77"])
    #expect(unseen.general == [0, 0, 0, 0, 0, 0])
    #expect(unseen.domainSide == [2, 0, 0, 0, 0])
    #expect(throws: FileError.self) { try p.encode(user: "u1", item: "i1", domain: "nope") }
  }

  @Test func statisticsComeFromTrainOnly() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let users = p.statistics.users
    #expect(users.row(of: "u4") == -1)  // only in valid
    let u1 = users.row(of: "u1")
    #expect(users.impressions(row: u1, domain: 0) == 2)
    #expect(users.impressions(row: u1, domain: 1) == 1)
    #expect(users.positives(row: u1, domain: 0, task: 0) == 1)
    #expect(p.statistics.items.impressions(row: p.statistics.items.row(of: "i1"), domain: 0) == 2)
    // Domain priors: click rate in domain a is 1/4, in b 2/2.
    #expect(p.statistics.priors == [0.25, 1.0])
  }

  @Test func countBucketsAreLog2() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let s = try FeaturePipeline.build(dataset: Fixture.write(to: dir)).statistics
    #expect([0, 1, 2, 3, 4, 7, 8, 1_000_000].map { s.countBucket(Int32($0)) } == [0, 1, 2, 2, 3, 3, 4, 12])
  }

  @Test func codableRoundTripEncodesIdentically() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(p))
    #expect(decoded.fields == p.fields)
    for (u, i, d) in [("u1", "i1", "a"), ("u3", "i2", "b"), ("u9", "i3", "a")] {
      #expect(try decoded.encode(user: u, item: i, domain: d) == p.encode(user: u, item: i, domain: d))
    }
    #expect(decoded.statistics == p.statistics)
  }

  @Test func rankingBatchMatchesSingleEncoding() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let batch = Batch(
      capacity: 1, generalFieldCount: p.generalFieldCount, domainSideFieldCount: p.domainSideFieldCount,
      taskCount: p.taskCount)
    p.fillRanking(batch, user: 0, items: 0..<3, domain: 1)
    #expect(batch.count == 3)
    for item in 0..<3 {
      let row = try p.encode(user: "u1", item: p.items.ids[item], domain: "b")
      let g = p.generalFieldCount, s = p.domainSideFieldCount
      #expect(Array(batch.generalIds[item * g..<(item + 1) * g]) == row.general)
      #expect(Array(batch.domainSideIds[item * s..<(item + 1) * s]) == row.domainSide)
      #expect(batch.domains[item] == 1 && batch.users[item] == 0)
    }
  }

  /// Two user ids that differ only in an invalid byte used to read as one id 'u\u{FFFD}' (a
  /// "duplicate id" in users.csv, one merged user in train.csv); the byte is now reported where
  /// it is, in every column the pipeline reads.
  @Test func invalidUTF8IsReportedAtItsByte() throws {
    let dir = TempDir()
    defer { dir.remove() }
    for (column, line, col) in [(0, 3, 3), (1, 3, 6), (2, 4, 8), (3, 4, 10)] {
      var lines = Fixture.train.split(separator: "\n").map { Array($0.utf8) }
      // Field `column` of line `line` gets a byte 0xFF appended at 1-based column `col`.
      var fields = lines[line - 1].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(
        Array.init)
      fields[column].append(0xFF)
      lines[line - 1] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
      let bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]
      let dataset = Fixture.write(to: dir)
      try Data(bytes).write(to: URL(fileURLWithPath: dir.path("train.csv")))
      do {
        _ = try FeaturePipeline.build(dataset: dataset)
        Issue.record("expected an error for column \(column)")
      } catch {
        #expect(
          "\(error)"
            == "\(dir.path("train.csv")):\(line):\(col): invalid UTF-8 (byte 0xFF); pepnet reads UTF-8 text")
      }
    }
    // The side files too: two ids 'u\xFF' and 'u\xFE' are not a duplicate 'u\u{FFFD}'.
    let dataset = Fixture.write(to: dir)
    try Data(Array("user,age\nu".utf8) + [0xFF] + Array(",old\nu".utf8) + [0xFE] + Array(",young\n".utf8))
      .write(to: URL(fileURLWithPath: dir.path("users.csv")))
    do {
      _ = try FeaturePipeline.build(dataset: dataset)
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)" == "\(dir.path("users.csv")):2:2: invalid UTF-8 (byte 0xFF); pepnet reads UTF-8 text")
    }
  }
}
