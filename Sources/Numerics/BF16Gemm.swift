import CDNNL

/// `c[fp32] (+)= a[bf16] x b[bf16] (+ bias[fp32])` through oneDNN's matmul, accumulating in fp32:
/// the GEMMs of bf16 training (forward, dX = dY Wᵀ and dW = Xᵀ dY).
///
/// Unlike `BF16Matmul` (scoring, fixed weights reordered once into the primitive's own layout),
/// both operands here are plain row-major bf16 and either may change on every call: activations and
/// gradients always do, and the weights' bf16 copies are refreshed after every optimiser step. `b`
/// may be a column slice of a wider matrix (its row stride is part of the shape), which is how the
/// gates' partial input gradients read a block of Wᵀ.
///
/// One instance per thread: it owns a oneDNN stream, two bf16 scratch buffers for operands it
/// converts, and one primitive per shape (`OneDNNMatmulCache`, at most `maximumPrimitives`).
public final class BF16Gemm {
  /// The most primitives kept before the cache is emptied (batch sizes vary only at epoch ends).
  public static let maximumPrimitives = 256

  private let stream = OneDNN.makeStream()
  private var primitives = OneDNNMatmulCache(limit: BF16Gemm.maximumPrimitives)
  private var left = BF16Buffer()
  private var right = BF16Buffer()

  public init() {}

  deinit {
    primitives.removeAll()
    dnnl_stream_destroy(stream)
    left.deallocate()
    right.deallocate()
  }

  /// How many primitives are cached (one per distinct shape).
  public var primitiveCount: Int { primitives.count }

  /// `y = bf16(x) W + bias`, `W` given as its bf16 copy.
  public func forward(_ x: MatrixView, _ w: BF16Matrix, bias: UnsafePointer<Float>, into y: MatrixView) {
    precondition(x.cols == w.rows && y.rows == x.rows && y.cols == w.cols, "bf16 forward shapes differ")
    left.reserve(x.rows * x.cols)
    BFloat16.convert(x, into: left.data)
    run(
      m: x.rows, k: x.cols, n: w.cols, a: left.data, b: w.data, ldb: w.cols, bias: bias, c: y,
      accumulate: false)
  }

  /// `dx (+)= bf16(dy) Wᵀ[:, columns]`, `Wᵀ` given as its bf16 copy (outputs x inputs); `columns`
  /// picks the block of W's rows whose input gradient is wanted.
  public func inputGradient(
    _ dy: MatrixView, _ wTransposed: BF16Matrix, columns: Range<Int>, into dx: MatrixView, accumulate: Bool
  ) {
    precondition(
      dy.cols == wTransposed.rows && columns.upperBound <= wTransposed.cols && dx.rows == dy.rows
        && dx.cols == columns.count, "bf16 input-gradient shapes differ")
    left.reserve(dy.rows * dy.cols)
    BFloat16.convert(dy, into: left.data)
    run(
      m: dy.rows, k: dy.cols, n: columns.count, a: left.data, b: wTransposed.data + columns.lowerBound,
      ldb: wTransposed.cols, bias: nil, c: dx, accumulate: accumulate)
  }

  /// `dw += bf16(x)ᵀ bf16(dy)`.
  public func weightGradient(_ x: MatrixView, _ dy: MatrixView, accumulatingInto dw: MatrixView) {
    precondition(
      x.rows == dy.rows && dw.rows == x.cols && dw.cols == dy.cols, "bf16 weight-gradient shapes differ")
    left.reserve(x.rows * x.cols)
    right.reserve(dy.rows * dy.cols)
    BFloat16.convertTransposed(x, into: left.data)
    BFloat16.convert(dy, into: right.data)
    run(
      m: x.cols, k: x.rows, n: dy.cols, a: left.data, b: right.data, ldb: dy.cols, bias: nil, c: dw,
      accumulate: true)
  }

  private func run(
    m: Int, k: Int, n: Int, a: UnsafeMutablePointer<UInt16>, b: UnsafeMutablePointer<UInt16>, ldb: Int,
    bias: UnsafePointer<Float>?, c: MatrixView, accumulate: Bool
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      // The empty product: c keeps its values (accumulating) or becomes the bias (or zero).
      if !accumulate {
        for r in 0..<m {
          for j in 0..<n { c[r, j] = bias?[j] ?? 0 }
        }
      }
      return
    }
    let shape = OneDNNMatmul.Shape(
      m: m, k: k, n: n, ldb: ldb, ldc: c.stride, bias: bias != nil, accumulate: accumulate)
    primitives.primitive(for: shape).primitive.run(on: stream, a: a, b: b, bias: bias, c: c.data)
  }
}
