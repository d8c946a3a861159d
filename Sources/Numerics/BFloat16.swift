/// bfloat16: the top 16 bits of an IEEE binary32 (8 exponent bits, 7 mantissa bits), the input
/// type of the bf16 matmul. Conversion rounds to nearest, ties to even, as oneDNN and PyTorch do;
/// NaN stays NaN (a quiet one).
public enum BFloat16 {
  /// Branch-free (a select for NaN), so that loops over it vectorise.
  @inline(__always) public static func bits(_ x: Float) -> UInt16 {
    let b = x.bitPattern
    let rounded = (b &+ 0x7FFF &+ ((b &>> 16) & 1)) &>> 16
    let isNaN = (b & 0x7FFF_FFFF) > 0x7F80_0000
    return UInt16(truncatingIfNeeded: isNaN ? (b &>> 16) | 0x40 : rounded)
  }

  @inline(__always) public static func float(_ bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }

  /// Writes the rows of `source` (any stride) into `destination`, `source.rows x source.cols`
  /// contiguous bf16 values. Scoring converts every GEMM input, so this loop must vectorise: `bits`
  /// has no branch (explicit SIMD16 code compiled to scalar element loops, 10x slower).
  public static func convert(_ source: MatrixView, into destination: UnsafeMutablePointer<UInt16>) {
    let cols = source.cols
    for r in 0..<source.rows {
      let from = source.data + r * source.stride
      let to = destination + r * cols
      for c in 0..<cols { to[c] = bits(from[c]) }
    }
  }

  /// Writes `gate ⊙ source` (element-wise, both `rows x cols`, any strides) into `destination` as
  /// contiguous bf16: a pre-gated layer's input, multiplied in fp32 exactly as an unfused gate
  /// multiply does and rounded once, without the fp32 product ever being stored.
  public static func convertProduct(
    _ gate: MatrixView, _ source: MatrixView, into destination: UnsafeMutablePointer<UInt16>
  ) {
    let cols = source.cols
    for r in 0..<source.rows {
      let g = gate.data + r * gate.stride
      let from = source.data + r * source.stride
      let to = destination + r * cols
      for c in 0..<cols { to[c] = bits(g[c] * from[c]) }
    }
  }

  /// Writes the transpose of `source` into `destination`: `source.cols x source.rows` contiguous
  /// bf16 values (the Xᵀ operand of a weight gradient).
  public static func convertTransposed(_ source: MatrixView, into destination: UnsafeMutablePointer<UInt16>) {
    let rows = source.rows
    for r in 0..<rows {
      let from = source.data + r * source.stride
      for c in 0..<source.cols { destination[c * rows + r] = bits(from[c]) }
    }
  }
}
