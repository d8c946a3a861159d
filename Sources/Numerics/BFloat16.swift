/// bfloat16: the top 16 bits of an IEEE binary32 (8 exponent bits, 7 mantissa bits), the input
/// type of the bf16 matmul. Conversion rounds to nearest, ties to even, as oneDNN and PyTorch do;
/// NaN stays NaN (a quiet one).
public enum BFloat16 {
  @inline(__always) public static func bits(_ x: Float) -> UInt16 {
    let b = x.bitPattern
    if x.isNaN { return UInt16(truncatingIfNeeded: b >> 16) | 0x40 }
    let roundingBias: UInt32 = 0x7FFF + ((b >> 16) & 1)
    return UInt16(truncatingIfNeeded: (b &+ roundingBias) >> 16)
  }

  @inline(__always) public static func float(_ bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }

  /// Writes the rows of `source` (any stride) into `destination`, `source.rows x source.cols`
  /// contiguous bf16 values: 16 at a time with the same rounding as `bits`, the rest one by one.
  /// (Scoring converts every GEMM input, so the scalar loop's NaN branch showed in profiles.)
  public static func convert(_ source: MatrixView, into destination: UnsafeMutablePointer<UInt16>) {
    let cols = source.cols
    for r in 0..<source.rows {
      let from = source.data + r * source.stride
      let to = destination + r * cols
      var c = 0
      while c + 16 <= cols {
        let b = UnsafeRawPointer(from + c).loadUnaligned(as: SIMD16<UInt32>.self)
        let rounded = (b &+ ((b &>> 16) & 1) &+ 0x7FFF) &>> 16
        let quietNaN = (b &>> 16) | 0x40
        let converted = rounded.replacing(with: quietNaN, where: (b & 0x7FFF_FFFF) .> 0x7F80_0000)
        UnsafeMutableRawPointer(to + c).storeBytes(
          of: SIMD16<UInt16>(truncatingIfNeeded: converted), as: SIMD16<UInt16>.self)
        c += 16
      }
      while c < cols {
        to[c] = bits(from[c])
        c += 1
      }
    }
  }
}
