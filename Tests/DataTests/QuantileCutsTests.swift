import Testing

@testable import PepnetData

/// The one quantile-cut rule (`QuantileCuts`): equal-weight buckets, none lost to ties.
struct QuantileCutsTests {
  static func unweighted(_ values: [Float]) -> [(value: Float, weight: Int)] {
    values.map { ($0, 1) }
  }

  /// How many entries of weight fall in each bucket.
  static func bucketWeights(_ entries: [(value: Float, weight: Int)], cuts: [Float]) -> [Int] {
    var weights = [Int](repeating: 0, count: cuts.count + 1)
    for e in entries { weights[Int(QuantileCuts.bucket(of: e.value, cuts: cuts)) - 1] += e.weight }
    return weights
  }

  @Test func distinctValuesSplitEvenly() {
    let entries = Self.unweighted((0..<100).map { Float($0) / 100 })
    let cuts = QuantileCuts.cuts(entries, buckets: 4)
    #expect(cuts.count == 3)
    #expect(zip(cuts, [0.245, 0.495, 0.745] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    #expect(Self.bucketWeights(entries, cuts: cuts) == [25, 25, 25, 25])
  }

  /// The rule before issue 16 dropped the cut here (the quantile fell between the two 4s),
  /// leaving 4 buckets of 5.
  @Test func quantileBetweenEqualValuesKeepsItsCut() {
    let entries = Self.unweighted([1, 2, 3, 4, 4, 5, 6, 7, 8, 9])
    let cuts = QuantileCuts.cuts(entries, buckets: 5)
    #expect(cuts == [2.5, 4.5, 6.5, 8.5])
    #expect(Self.bucketWeights(entries, cuts: cuts) == [2, 3, 2, 2, 1])
  }

  /// A value holding 40% of the weight (as the sample bundle's lowest item rates did) gets one
  /// bucket; the other nine split the rest evenly.
  @Test func heavyValueGetsOneBucketAndTheRestSplitEvenly() {
    let entries = [(value: Float(0), weight: 40)] + Self.unweighted((1...60).map { Float($0) })
    let cuts = QuantileCuts.cuts(entries, buckets: 10)
    #expect(cuts.count == 9)
    #expect(
      Self.bucketWeights(entries, cuts: cuts) == [40] + [Int](repeating: 60 / 9 + 1, count: 6) + [6, 6, 6])
  }

  @Test func fewerDistinctValuesThanBucketsGiveOneBucketEach() {
    #expect(QuantileCuts.cuts([(0.5, 10), (0.5, 3)], buckets: 10).isEmpty)
    #expect(QuantileCuts.cuts(Self.unweighted([1, 0.25, 0.5, 0.25]), buckets: 10) == [0.375, 0.75])
    #expect(QuantileCuts.cuts([], buckets: 10).isEmpty)
    #expect(QuantileCuts.cuts(Self.unweighted([1, 2]), buckets: 1).isEmpty)
  }

  /// Over many tie-heavy inputs: `min(buckets, distinct values)` buckets, each holding weight,
  /// strictly increasing cuts.
  @Test(arguments: 1...40) func noBucketIsLostToTies(seed: Int) {
    var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let levels = 1 + next(30)
    let entries = (0..<(1 + next(200))).map { _ in
      (value: Float(next(levels)) / Float(levels), weight: 1 + next(next(2) == 0 ? 3 : 300))
    }
    let buckets = 2 + next(12)
    let cuts = QuantileCuts.cuts(entries, buckets: buckets)
    let distinct = Set(entries.map(\.value)).count
    #expect(cuts.count == min(buckets, distinct) - 1)
    #expect(zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 })
    #expect(Self.bucketWeights(entries, cuts: cuts).allSatisfy { $0 > 0 })
  }

  @Test func neighbouringFloatsStillSplit() {
    let a: Float = 0.3
    let cuts = QuantileCuts.cuts(Self.unweighted([a, a.nextUp]), buckets: 2)
    #expect(cuts == [a.nextUp])
    #expect(QuantileCuts.bucket(of: a, cuts: cuts) == 1)
    #expect(QuantileCuts.bucket(of: a.nextUp, cuts: cuts) == 2)
  }

  @Test func bucketCountsTheCutsAtOrBelow() {
    let cuts: [Float] = [0.2, 0.5, 0.7]
    let buckets = [0, 0.2, 0.3, 0.5, 0.69, 0.7, 1, .nan].map { QuantileCuts.bucket(of: $0, cuts: cuts) }
    #expect(buckets == [1, 2, 2, 3, 3, 4, 4, 1])
    #expect(QuantileCuts.bucket(of: 5, cuts: []) == 1)
  }
}
