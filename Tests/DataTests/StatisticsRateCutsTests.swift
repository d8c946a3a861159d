import Foundation
import Testing

@testable import PepnetData

/// The domain statistics' rate cuts on a real pipeline: all `rate_buckets - 1` cuts are kept
/// (issue 16 item 6). The fixture dataset is the one whose bundle, made by the rule before the
/// fix, lost one user cut and two item cuts to ties.
struct StatisticsRateCutsTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/bundle-before-tie-fix")

  @Test func noRateBucketIsLostToTies() throws {
    let dataset = try Dataset(directory: Self.fixture.appendingPathComponent("dataset"))
    let statistics = try FeaturePipeline.build(dataset: dataset).statistics
    #expect(statistics.users.rateCuts.map(\.count) == [9])
    #expect(statistics.items.rateCuts.map(\.count) == [9])
    // The bundle made before the fix, from the same dataset, has fewer.
    let old = try ModelBundle.load(from: Self.fixture.appendingPathComponent("model").path).pipeline
      .statistics
    #expect(old.users.rateCuts.map(\.count) == [8])
    #expect(old.items.rateCuts.map(\.count) == [7])
  }

  /// Every rate bucket holds train impressions: the cuts split the cells that have any.
  @Test func everyRateBucketIsUsed() throws {
    let dataset = try Dataset(directory: Self.fixture.appendingPathComponent("dataset"))
    let s = try FeaturePipeline.build(dataset: dataset).statistics
    for table in [s.users, s.items] {
      var used = Set<Int32>()
      for cell in 0..<(table.keys.count * s.domainCount) where table.impressions[cell] > 0 {
        let rate = s.smoothedRate(
          positives: table.positives[cell], impressions: table.impressions[cell],
          domain: cell % s.domainCount,
          task: 0)
        used.insert(QuantileCuts.bucket(of: rate, cuts: table.rateCuts[0]))
      }
      #expect(used == Set(1...10))
    }
  }
}
