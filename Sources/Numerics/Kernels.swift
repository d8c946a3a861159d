/// Element-wise kernels over raw buffers, written so the optimiser vectorises them
/// (SIMD8 bodies with scalar tails). They know nothing of layers; layers compose them.
public enum Kernels {
  // MARK: activations

  /// `y = max(x, 0)`.
  @inline(__always)
  public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
    for i in 0..<n { y[i] = max(x[i], 0) }
  }

  /// `dx = dy * (y > 0)`; in place allowed (dx == dy).
  @inline(__always)
  public static func reluBackward(
    output y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
    count n: Int
  ) {
    for i in 0..<n { dx[i] = y[i] > 0 ? dy[i] : 0 }
  }

  /// `y = scale * sigmoid(x)`, numerically safe for any finite x; in place allowed (y == x).
  ///
  /// One pass, 8 wide: negate, clamp to `fastExpInRange`'s range, `scale / (1 + exp)`. The clamp is
  /// done on the vector with masked replaces: as a separate scalar pass (which the compiler did not
  /// vectorise, x and y may alias) it took a quarter of this kernel's time in scoring. The same
  /// operations in the same order as the scalar tail, so every element gets the same bits.
  public static func scaledSigmoid(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int, scale: Float
  ) {
    let one = SIMD8<Float>(repeating: 1)
    let low = SIMD8<Float>(repeating: -87.3)
    let high = SIMD8<Float>(repeating: 88.3)
    var i = 0
    while i + 8 <= n {
      var v = -UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      v.replace(with: low, where: v .< low)
      v.replace(with: high, where: v .> high)
      let s = scale / (one + fastExpInRange(v))
      UnsafeMutableRawPointer(y + i).storeBytes(of: s, as: SIMD8<Float>.self)
      i += 8
    }
    while i < n {
      let v = -x[i]
      y[i] = scale / (1 + fastExp(v < -87.3 ? -87.3 : (v > 88.3 ? 88.3 : v)))
      i += 1
    }
  }

  /// Backward of `y = scale * sigmoid(x)` given y: `dx = dy * y * (1 - y / scale)`.
  @inline(__always)
  public static func scaledSigmoidBackward(
    output y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
    count n: Int, scale: Float
  ) {
    let inv = 1 / scale
    for i in 0..<n { dx[i] = dy[i] * y[i] * (1 - y[i] * inv) }
  }

  // MARK: arithmetic

  /// `z = x * y` element-wise.
  @inline(__always)
  public static func multiply(
    _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, count n: Int
  ) {
    for i in 0..<n { z[i] = x[i] * y[i] }
  }

  /// `z += x * y` element-wise.
  @inline(__always)
  public static func multiplyAdd(
    _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, count n: Int
  ) {
    for i in 0..<n { z[i] += x[i] * y[i] }
  }

  /// `y += a * x`.
  @inline(__always)
  public static func axpy(
    _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int
  ) {
    for i in 0..<n { y[i] += a * x[i] }
  }

  /// `out[j] (+)= sum over rows of m[r, j]`.
  @inline(__always)
  public static func columnSums(_ m: MatrixView, into out: UnsafeMutablePointer<Float>, accumulate: Bool) {
    if !accumulate { out.update(repeating: 0, count: m.cols) }
    for r in 0..<m.rows {
      let row = m.data + r * m.stride
      for j in 0..<m.cols { out[j] += row[j] }
    }
  }

  /// Sum of squares, in double precision for a stable norm.
  public static func sumOfSquares(_ x: UnsafePointer<Float>, count n: Int) -> Double {
    var acc = SIMD8<Float>(repeating: 0)
    var total = 0.0
    var i = 0
    while i + 8 <= n {
      let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      acc += v * v
      i += 8
      if i % 4096 == 0 {
        total += Double(acc.sum())
        acc = .zero
      }
    }
    total += Double(acc.sum())
    while i < n {
      total += Double(x[i]) * Double(x[i])
      i += 1
    }
    return total
  }

  /// Copies a strided view into another of the same shape.
  @inline(__always)
  public static func copy(_ src: MatrixView, into dst: MatrixView) {
    precondition(src.rows == dst.rows && src.cols == dst.cols, "copy shape mismatch")
    for r in 0..<src.rows {
      (dst.data + r * dst.stride).update(from: src.data + r * src.stride, count: src.cols)
    }
  }
}
