import CDNNL

/// `c = epilogue(a x w + bias)` in fp32 through oneDNN's matmul: the GEMMs of fp32 scoring.
///
/// Scoring multiplies fixed weights by ever new activations. oneDNN's fp32 kernels
/// (`brg:avx512_core` here) run these layer shapes about 15% faster than OpenBLAS's sgemm, with
/// the weights reordered once into the layout the kernel reads and the bias fused, where OpenBLAS
/// packs the weights on every call and needs the bias written first (docs/performance.md). The
/// activations run after the product in pepnet's kernels (`OneDNNMatmul.Shape.fusedEpilogue`). `a` and `c` may be column slices (their row
/// strides are part of the shape); weights are the model's own fp32 matrices, reordered on first
/// use (`OneDNNWeightLayouts`).
///
/// One instance per thread: it owns a oneDNN stream and one primitive per shape
/// (`OneDNNMatmulCache`, at most `maximumPrimitives`); the caches are emptied together when the
/// primitives' is full.
public final class FP32Matmul {
  /// The most primitives kept before the caches are emptied.
  public static let maximumPrimitives = 256

  private let stream = OneDNN.makeStream()
  private var primitives = OneDNNMatmulCache(limit: FP32Matmul.maximumPrimitives)
  private let weightLayouts = OneDNNWeightLayouts(operands: .fp32)

  public init() {}

  deinit {
    primitives.removeAll()
    weightLayouts.removeAll()
    dnnl_stream_destroy(stream)
  }

  /// How many primitives are cached (one per distinct shape).
  public var primitiveCount: Int { primitives.count }

  /// How many reordered weight copies are cached (one per weight matrix and layout).
  public var reorderedWeightCount: Int { weightLayouts.count }

  /// `c = epilogue(a x weights + bias)` (bias: `weights.cols` floats, or nil for none). `weights`
  /// must not change while this instance lives: its reordered copy would not follow.
  public func multiply(
    _ a: MatrixView, _ weights: Matrix, bias: UnsafePointer<Float>?, into c: MatrixView,
    epilogue: MatmulEpilogue = .none
  ) {
    precondition(a.cols == weights.rows, "fp32 matmul inner dimensions differ: \(a.cols) vs \(weights.rows)")
    precondition(
      c.rows == a.rows && c.cols == weights.cols,
      "fp32 matmul output is \(c.rows)x\(c.cols), expected \(a.rows)x\(weights.cols)")
    if c.rows == 0 || c.cols == 0 { return }
    if a.cols == 0 { return epilogue.fillEmptyProduct(c, bias: bias) }
    let shape = OneDNNMatmul.Shape(
      m: a.rows, k: a.cols, n: weights.cols, ldb: nil, ldc: c.stride, bias: bias != nil, epilogue: epilogue,
      operands: .fp32, lda: a.stride)
    let primitive = primitives.primitive(for: shape) { weightLayouts.removeAll() }.primitive
    let b = weightLayouts.weights(
      for: primitive, shape: shape, owner: weights, plain: UnsafeMutableRawPointer(weights.data),
      rows: weights.rows, cols: weights.cols, stream: stream)
    primitive.run(on: stream, a: UnsafeMutableRawPointer(a.data), b: b, bias: bias, c: c.data)
  }
}
