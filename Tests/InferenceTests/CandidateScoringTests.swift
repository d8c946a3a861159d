import Foundation
import PepnetData
import PepnetNumerics
import Testing

@testable import PepnetInference

/// Issue 15 item 1: rankings score only their candidates, and each candidate's scores are the ones
/// the whole catalog's scoring gives it, bit for bit, whatever the chunks and shards the subset
/// falls into. On the shipped sample bundle (3,600 items: four chunks, two shards each).
@Suite struct CandidateScoringTests {
  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("sample-data/model").path

  /// Subsets of every size class: one item, a pair and a shard that OpenBLAS would end with a
  /// lone row (the rows `Scorer.rowBlock` pads around), most of the catalog at random.
  static func subsets(_ count: Int) -> [[Int]] {
    var rng = SeededRNG(seed: 7)
    let random = (0..<count).filter { _ in rng.below(10) < 7 }
    return [[count - 1], [4, 9], Array(0..<300), random]
  }

  /// Each subset's scores are the whole catalog's for its items, and its ranking is the whole
  /// catalog's ranked with the subset as candidates, entry for entry (ties by catalog index).
  @Test(arguments: [Precision.fp32, .bf16])
  func candidateScoresAreTheCatalogsBitForBit(precision: Precision) throws {
    if precision == .bf16 && !OneDNN.hasNativeBF16 { return }
    let bundle = try ModelBundle.load(from: Self.sample)
    let ranker = CatalogRanker(bundle: bundle, threads: 2, precision: precision)
    let weights = bundle.manifest.defaultWeights
    let (user, domain) = (1234, 2)
    let all = ranker.scores(user: user, domain: domain)
    for items in Self.subsets(bundle.pipeline.items.count) {
      let subset = ranker.scores(user: user, domain: domain, items: items)
      for t in all.indices {
        let expected = items.map { all[t][$0].bitPattern }
        #expect(subset[t].map(\.bitPattern) == expected, "task \(t), \(items.count) items, \(precision)")
      }
      #expect(
        RankedList(scores: subset, of: items, weights: weights, top: 50)
          == RankedList(scores: all, weights: weights, top: 50, candidates: items), "\(items.count) items")
    }
  }

  @Test func aSubsetRanksByCatalogIndexOnTies() {
    let tied: [[Float]] = [[0.5, 0.7, 0.5, 0.5]]
    #expect(RankedList(scores: tied, of: [2, 5, 8, 9], weights: [1]).entries.map(\.item) == [5, 2, 8, 9])
    #expect(RankedList.firstNonFinite(in: [[0.1, .nan]], of: [3, 8])?.item == 8)
  }
}
