import PepnetNumerics

/// Draws indices with probability proportional to fixed weights (cumulative table + binary search).
struct DiscreteSampler: Sendable {
  private let cumulative: [Double]

  init(weights: [Double]) {
    var total = 0.0
    cumulative = weights.map {
      total += max(0, $0)
      return total
    }
    precondition(total > 0, "DiscreteSampler needs a positive weight")
  }

  var count: Int { cumulative.count }

  @inline(__always) func sample(_ rng: inout SeededRNG) -> Int {
    let u = rng.uniformDouble() * cumulative[cumulative.count - 1]
    var lo = 0, hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}

extension SeededRNG {
  /// Normal with the given standard deviation.
  mutating func normal(_ sd: Double) -> Double { Double(normal()) * sd }
  /// Uniform in [a, b).
  mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniformDouble() }
  /// True with probability p.
  mutating func bernoulli(_ p: Double) -> Bool { uniformDouble() < p }
}
