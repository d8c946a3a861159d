/// A small, fast, seeded pseudo-random generator (SplitMix64 seeding a xoshiro256**).
///
/// Deterministic across platforms and runs, so that the same seed gives the same weights,
/// the same shuffles and the same synthetic data.
public struct SeededRNG: RandomNumberGenerator {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  public init(seed: UInt64) {
    var x = seed
    func splitmix(_ x: inout UInt64) -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitmix(&x)
    s1 = splitmix(&x)
    s2 = splitmix(&x)
    s3 = splitmix(&x)
  }

  @inline(__always) public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// Uniform in [0, 1).
  @inline(__always) public mutating func uniform() -> Float {
    Float(next() >> 40) * (1.0 / Float(1 << 24))
  }

  /// Uniform in [0, 1) with double precision.
  @inline(__always) public mutating func uniformDouble() -> Double {
    Double(next() >> 11) * (1.0 / Double(UInt64(1) << 53))
  }

  /// Standard normal (Box-Muller).
  public mutating func normal() -> Float {
    var u1 = uniformDouble()
    while u1 <= 1e-300 { u1 = uniformDouble() }
    let u2 = uniformDouble()
    return Float((-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2))
  }

  /// Uniform integer in 0..<n.
  @inline(__always) public mutating func below(_ n: Int) -> Int {
    precondition(n > 0)
    return Int(next() % UInt64(n))
  }
}

#if canImport(Glibc)
  import Glibc
  @inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
  import Foundation
  @inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
  @inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
#endif
