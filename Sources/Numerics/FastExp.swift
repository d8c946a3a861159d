/// A vectorised single-precision exponential (Cephes-style range reduction and a degree-5
/// polynomial), accurate to about 2 ulp over [-87, 88].
///
/// The gates of PEPNet evaluate millions of sigmoids per training step; libm's scalar `expf`
/// would dominate the element-wise time, so the hot path has its own kernel.
@inline(__always)
public func fastExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
  fastExpInRange(pointwiseMax(pointwiseMin(x, SIMD8(repeating: 88.3)), SIMD8(repeating: -87.3)))
}

/// `fastExp` for inputs already clamped to [-87.3, 88.3]. Hot loops clamp in a separate scalar pass
/// (which the compiler vectorises) because the generic SIMD `pointwiseMin`/`pointwiseMax` are not
/// inlined across modules and cost as much as the exponential itself.
@inline(__always)
public func fastExpInRange(_ clamped: SIMD8<Float>) -> SIMD8<Float> {
  // n = round(x / ln 2) by the float "magic number" trick: adding 1.5 * 2^23 leaves n in the low
  // mantissa bits, which avoids a (slow, generic) SIMD float-to-int conversion.
  let magic = SIMD8<Float>(repeating: 12_582_912)
  let shifted = clamped * 1.442_695_04 + magic
  let fx = shifted - magic
  // r = x - n ln2, in two parts for precision
  var r = clamped - fx * 0.693_359_375
  r = r + fx * 2.121_944_4e-4
  let r2 = r * r
  var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
  p = p * r + 1.398_199_95e-3
  p = p * r + 8.333_451_9e-3
  p = p * r + 4.166_579_6e-2
  p = p * r + 1.666_666_55e-1
  p = p * r + 5.000_000_1e-1
  let y = p * r2 + r + 1
  // scale by 2^n through the exponent bits
  let n = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000
  let scale = unsafeBitCast((n &+ 127) &<< 23, to: SIMD8<Float>.self)
  return y * scale
}

/// Scalar companion of `fastExp` for loop tails, so that every element sees the same function.
@inline(__always)
public func fastExp(_ x: Float) -> Float {
  fastExp(SIMD8<Float>(repeating: x))[0]
}
