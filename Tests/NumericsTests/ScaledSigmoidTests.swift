import PepnetNumerics
import Testing

/// `Kernels.scaledSigmoid` (the Gate NU's `gamma * sigmoid`): its vector body and scalar tail give
/// every element the bits of the scalar definition `scale / (1 + fastExp(clamp(-x)))`, at every
/// count (bodies and tails), in place or not, for extreme and infinite inputs too.
@Suite struct ScaledSigmoidTests {
  static func reference(_ x: Float, scale: Float) -> Float {
    let v = -x
    let clamped: Float = v < -87.3 ? -87.3 : (v > 88.3 ? 88.3 : v)
    return scale / (1 + fastExpInRange(SIMD8(repeating: clamped))[0])
  }

  static let inputs: [Float] = {
    var rng = SeededRNG(seed: 7)
    var values: [Float] = [
      0, -0.0, 1e-30, -87.3, 87.3, -88.3, 88.3, -90, 95, 1e30, -1e30, .infinity, -.infinity,
    ]
    for _ in 0..<200 { values.append((rng.uniform() - 0.5) * 60) }
    return values
  }()

  @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 31, 213])
  func matchesTheScalarDefinitionBitForBit(count: Int) {
    let x = Array(Self.inputs.prefix(count))
    for scale: Float in [1, 2] {
      var y = [Float](repeating: .nan, count: count)
      x.withUnsafeBufferPointer { xp in
        y.withUnsafeMutableBufferPointer { yp in
          if count > 0 { Kernels.scaledSigmoid(xp.baseAddress!, yp.baseAddress!, count: count, scale: scale) }
        }
      }
      var inPlace = x
      inPlace.withUnsafeMutableBufferPointer { p in
        if count > 0 { Kernels.scaledSigmoid(p.baseAddress!, p.baseAddress!, count: count, scale: scale) }
      }
      for k in 0..<count {
        let want = Self.reference(x[k], scale: scale)
        #expect(y[k].bitPattern == want.bitPattern, "x \(x[k]): \(y[k]) vs \(want)")
        #expect(inPlace[k].bitPattern == want.bitPattern, "in place, x \(x[k])")
      }
    }
  }
}
