import Foundation
import Testing

@testable import PepnetData

@Suite struct GeneratorTests {
  static let small = GeneratorConfig(seed: 3, users: 60, items: 90, authors: 12, impressions: 3000)

  private func contents(_ dir: TempDir) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.url.path) {
      files[name] = try Data(contentsOf: dir.url.appendingPathComponent(name))
    }
    return files
  }

  @Test func sameSeedSameFilesDifferentSeedDifferentFiles() throws {
    let a = TempDir(), b = TempDir(), c = TempDir()
    defer { [a, b, c].forEach { $0.remove() } }
    try SyntheticGenerator.generate(Self.small, to: a.url)
    try SyntheticGenerator.generate(Self.small, to: b.url)
    var other = Self.small
    other.seed = 4
    try SyntheticGenerator.generate(other, to: c.url)
    let fa = try contents(a), fb = try contents(b), fc = try contents(c)
    #expect(
      Set(fa.keys) == [
        "schema.json", "generator.json", "users.csv", "items.csv", "train.csv", "valid.csv", "test.csv",
        "truth.json",
      ])
    #expect(fa == fb)
    #expect(fa["train.csv"] != fc["train.csv"])
    #expect(fa["items.csv"] != fc["items.csv"])
  }

  @Test func splitFractionsMoveImpressionsBetweenSplitsOnly() throws {
    let a = TempDir(), b = TempDir()
    defer { [a, b].forEach { $0.remove() } }
    let base = try SyntheticGenerator.generate(Self.small, to: a.url)
    var wide = Self.small
    wide.validFraction = 0.15
    wide.testFraction = 0.35
    let summary = try SyntheticGenerator.generate(wide, to: b.url)
    let n = Double(Self.small.impressions)
    #expect(abs(Double(summary.rows[.test]!) / n - 0.35) < 0.03)
    #expect(abs(Double(summary.rows[.valid]!) / n - 0.15) < 0.03)
    #expect(summary.rows.values.reduce(0, +) == Self.small.impressions)
    // Same impressions and labels, only in other splits.
    #expect(summary.positiveRates == base.positiveRates && summary.domainCounts == base.domainCounts)
    let fa = try contents(a), fb = try contents(b)
    #expect(fa["users.csv"] == fb["users.csv"] && fa["items.csv"] == fb["items.csv"])
    #expect(fa["test.csv"] != fb["test.csv"])
  }

  @Test func sparsityMatchesTargetsAndOracleIsCalibrated() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let config = GeneratorConfig(seed: 11, users: 500, items: 800, authors: 120, impressions: 50_000)
    let summary = try SyntheticGenerator.generate(config, to: dir.url)
    let targets = [
      "long_view": 0.30, "like": 0.05, "comment": 0.01, "forward": 0.01, "follow": 0.005, "hate": 0.003,
    ]
    for (task, target) in targets {
      let rate = summary.positiveRates[task]!
      #expect(abs(rate - target) < max(0.004, target * 0.3), "\(task): \(rate) vs \(target)")
    }
    #expect(summary.domainCounts.count == 3 && summary.domainCounts.values.allSatisfy { $0 > 5000 })

    // The generated folder goes through the whole ingest path; valid carries oracles whose mean
    // matches the label rate.
    let dataset = try Dataset(directory: dir.url)
    let p = try FeaturePipeline.build(dataset: dataset)
    let train = try EncodedDataset(dataset: dataset, split: .train, pipeline: p)
    let valid = try EncodedDataset(dataset: dataset, split: .valid, pipeline: p)
    #expect(train.oracle == nil)
    #expect(train.count + valid.count + summary.rows[.test]! == 50_000)
    let oracle = try #require(valid.oracle)
    let t = valid.taskCount
    var meanOracle = 0.0, meanLabel = 0.0
    for r in 0..<valid.count {
      meanOracle += Double(oracle[r * t])
      meanLabel += Double(valid.labels[r * t])
    }
    #expect(abs(meanOracle - meanLabel) / Double(valid.count) < 0.02)
    #expect(p.items.titles.allSatisfy { $0.count > 5 })
  }

  @Test func probabilitiesAreWrittenWithFourSignificantDigits() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let w = try ByteWriter(path: dir.path("p.txt"))
    for p in [0.31274, 0.05, 0.000312749, 0.999_97, 0.0999_99, 0, 0.1] {
      w.probability(p)
      w.comma()
    }
    w.int(0)
    w.comma()
    w.int(1230)
    w.comma()
    w.field("a \"b\", c")
    try w.finish()
    let text = try String(contentsOfFile: dir.path("p.txt"), encoding: .utf8)
    #expect(text == "0.3127,0.05,0.0003127,1,0.1,0,0.1,0,1230,\"a \"\"b\"\", c\"")
  }
}
