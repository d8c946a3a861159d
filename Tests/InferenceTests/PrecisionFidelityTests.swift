import Foundation
import PepnetData
import PepnetNumerics
import Testing

@testable import PepnetInference

/// bf16 scoring of the shipped sample bundle stays within issue 15's fidelity targets on a subset
/// (two users, every domain, a third of the catalog: a debug build scores slowly);
/// `pepnet bench fidelity` measures every user over the whole catalog. The
/// measures themselves are checked on rankings whose answer is known.
@Suite struct PrecisionFidelityTests {
  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("sample-data/model").path

  @Test func measuresKnownRankings() {
    let a: [Float] = [0.9, 0.8, 0.7, 0.6, 0.5]
    #expect(PrecisionFidelity.spearman(a, a) == 1)
    #expect(PrecisionFidelity.spearman(a, a.reversed()) == -1)
    #expect(PrecisionFidelity.topOverlap(a, a, top: 3) == 1)
    // b swaps the 3rd and 4th items: one of the top 3 changes, rho = 1 - 6*2/(5*24).
    let b: [Float] = [0.9, 0.8, 0.6, 0.7, 0.5]
    #expect(abs(PrecisionFidelity.topOverlap(a, b, top: 3) - 2.0 / 3) < 1e-12)
    #expect(abs(PrecisionFidelity.spearman(a, b) - 0.9) < 1e-12)
  }

  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func sampleBundleMeetsTheFidelityTargets() throws {
    let bundle = try ModelBundle.load(from: Self.sample)
    let fp32 = CatalogRanker(bundle: bundle, threads: 2, precision: .fp32)
    let bf16 = CatalogRanker(bundle: bundle, threads: 2, precision: .bf16)
    let items = Array(stride(from: 0, to: bundle.pipeline.items.count, by: 3))
    let f = PrecisionFidelity.measure(fp32: fp32, bf16: bf16, users: [0, 1200], items: items)
    #expect(f.cells == 2 * bundle.manifest.domains.count)
    #expect(f.maxAbsoluteDifference > 0, "bf16 ran")
    #expect(f.maxAbsoluteDifference < 0.02, "max |Δp| \(f.maxAbsoluteDifference)")
    #expect(f.meanTopOverlap >= 0.95, "mean top-20 overlap \(f.meanTopOverlap)")
    #expect(f.minRankCorrelation >= 0.99, "min Spearman \(f.minRankCorrelation)")
  }
}
