import PepnetNumerics
import Testing

@testable import PepnetModel

/// The replica pool that training and scoring share: how it splits a batch, which worker runs each
/// shard, and that the result does not depend on thread timing.
@Suite struct ReplicaPoolTests {
  @Test func shardsAreContiguousInOrderAndEvenlySized() {
    for parts in 1...4 {
      for n in 0...23 {
        let ranges = (0..<parts).map { ReplicaPool.shardRange($0, of: n, parts: parts) }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == n, "n \(n) parts \(parts)")
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let sizes = ranges.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1, "n \(n) parts \(parts): \(sizes)")
      }
    }
  }

  @Test func replicasShareTheModelsWeightsAndOwnTheirActivations() {
    let config = smallConfig()
    let model = ModelFactory.make(config: config, seed: 5)
    let pool = ReplicaPool(model: model, threads: 3)
    #expect(pool.count == 3 && pool.workers[0] === model && pool.replicas.count == 2)
    for replica in pool.replicas {
      #expect(replica !== model)
      for (a, b) in zip(model.namedTensors, replica.namedTensors) {
        #expect(a.value === b.value, "\(a.name) is not shared")
      }
    }
    // Activations are each worker's own: a forward on one leaves another's logits alone.
    var rng = SeededRNG(seed: 6)
    let first = randomBatch(config: config, count: 3, rng: &rng)
    let second = randomBatch(config: config, count: 3, rng: &rng)
    let before = Self.rows(model.forward(first))
    _ = pool.replicas[0].forward(second)
    #expect(Self.rows(model.forward(first)) == before)
    #expect(pool.replicas[0].forward(first) !== pool.workers[0].forward(first))
  }

  /// Every shard runs on `workers[s]` over its own rows, and the rows' logits match the whole
  /// batch's on the model; two runs agree to the bit, whatever the threads' timing.
  @Test(arguments: [1, 2, 3])
  func shardsRunOnTheirWorkerAndRepeatToTheBit(parts: Int) {
    let config = smallConfig()
    let model = ModelFactory.make(config: config, seed: 7)
    let pool = ReplicaPool(model: model, threads: 3)
    var rng = SeededRNG(seed: 8)
    let batch = randomBatch(config: config, count: 10, rng: &rng)
    let whole = Self.rows(model.forward(batch))

    func sharded() -> [[Float]] {
      var logits = Array(repeating: [Float](), count: batch.count)
      var rightPlace = Array(repeating: false, count: parts)
      logits.withUnsafeMutableBufferPointer { out in
        rightPlace.withUnsafeMutableBufferPointer { checks in
          nonisolated(unsafe) let out = out
          nonisolated(unsafe) let checks = checks
          pool.forEachShard(of: batch, parts: parts) { s, worker, shard, rows in
            checks[s] =
              worker === pool.workers[s] && shard.count == rows.count
              && rows == ReplicaPool.shardRange(s, of: batch.count, parts: parts)
            let result = worker.forward(shard)
            for (k, r) in rows.enumerated() { out[r] = (0..<result.cols).map { result[k, $0] } }
          }
        }
      }
      #expect(rightPlace.allSatisfy { $0 })
      return logits
    }
    let first = sharded()
    #expect(first == sharded())
    for (a, b) in zip(first.joined(), whole.joined()) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
  }

  private static func rows(_ m: Matrix) -> [[Float]] {
    (0..<m.rows).map { r in (0..<m.cols).map { m[r, $0] } }
  }
}
