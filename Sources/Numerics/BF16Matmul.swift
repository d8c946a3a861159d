import CDNNL

/// A weight matrix converted to bf16 once (row-major, `rows x cols`), for `BF16Matmul`.
public final class BF16Matrix {
  public let rows: Int
  public let cols: Int
  let data: UnsafeMutablePointer<UInt16>

  public init(_ matrix: Matrix) {
    rows = matrix.rows
    cols = matrix.cols
    data = .allocate(capacity: max(1, rows * cols))
    BFloat16.convert(matrix.view, into: data)
  }

  deinit { data.deallocate() }

  /// Converts `matrix` (or its transpose) again into this copy, which must have its shape: bf16
  /// training refreshes its weight copies in place after every optimiser step. Not for a matrix a
  /// `BF16Matmul` has reordered (its reordered copy would not follow).
  public func update(from matrix: Matrix, transposed: Bool = false) {
    precondition(
      transposed
        ? (matrix.cols == rows && matrix.rows == cols) : (matrix.rows == rows && matrix.cols == cols),
      "bf16 copy is \(rows)x\(cols), the matrix \(matrix.rows)x\(matrix.cols)")
    if transposed {
      BFloat16.convertTransposed(matrix.view, into: data)
    } else {
      BFloat16.convert(matrix.view, into: data)
    }
  }

  /// `matrix`'s bf16 copy, or its transpose's (`cols x rows`).
  public init(_ matrix: Matrix, transposed: Bool) {
    rows = transposed ? matrix.cols : matrix.rows
    cols = transposed ? matrix.rows : matrix.cols
    data = .allocate(capacity: max(1, rows * cols))
    update(from: matrix, transposed: transposed)
  }
}

/// `c[fp32] = epilogue(bf16(a) x b[bf16] + bias[fp32])` through oneDNN's matmul, accumulating in
/// fp32.
///
/// One instance per thread: it owns a oneDNN stream, the bf16 copy of `a` and one primitive per
/// shape (m, k, n, c's row stride, bias, epilogue; `OneDNNMatmulCache`, at most
/// `maximumPrimitives`). Each primitive picks its own weight layout (blocked for the bf16
/// dot-product instructions), into which `OneDNNWeightLayouts` reorders a weight matrix once. The
/// caches are emptied together when the primitives' is full.
public final class BF16Matmul {
  /// The most primitives kept before the caches are emptied.
  public static let maximumPrimitives = 256

  private let stream = OneDNN.makeStream()
  private var primitives = OneDNNMatmulCache(limit: BF16Matmul.maximumPrimitives)
  private let weightLayouts = OneDNNWeightLayouts(operands: .bf16)
  private var source = BF16Buffer()

  public init() {}

  deinit {
    primitives.removeAll()
    weightLayouts.removeAll()
    dnnl_stream_destroy(stream)
    source.deallocate()
  }

  /// How many primitives are cached (one per distinct shape).
  public var primitiveCount: Int { primitives.count }

  /// How many reordered weight copies are cached (one per weight matrix and layout).
  public var reorderedWeightCount: Int { weightLayouts.count }

  /// `c = epilogue(bf16(a) x weights + bias)` (bias: `weights.cols` floats, or nil for none).
  /// With `gate` (`a`'s shape), `bf16(gate ⊙ a)` instead: PPNet's input gate multiplied in the
  /// conversion that every input goes through anyway.
  public func multiply(
    _ a: MatrixView, _ weights: BF16Matrix, bias: UnsafePointer<Float>?, into c: MatrixView,
    epilogue: MatmulEpilogue = .none, gate: MatrixView? = nil
  ) {
    precondition(a.cols == weights.rows, "bf16 matmul inner dimensions differ: \(a.cols) vs \(weights.rows)")
    precondition(
      gate.map { $0.rows == a.rows && $0.cols == a.cols } ?? true, "bf16 matmul gate shape differs")
    precondition(
      c.rows == a.rows && c.cols == weights.cols,
      "bf16 matmul output is \(c.rows)x\(c.cols), expected \(a.rows)x\(weights.cols)")
    if c.rows == 0 || c.cols == 0 { return }
    if a.cols == 0 { return epilogue.fillEmptyProduct(c, bias: bias) }
    source.reserve(a.rows * a.cols)
    if let gate {
      BFloat16.convertProduct(gate, a, into: source.data)
    } else {
      BFloat16.convert(a, into: source.data)
    }
    let shape = OneDNNMatmul.Shape(
      m: a.rows, k: a.cols, n: weights.cols, ldb: nil, ldc: c.stride, bias: bias != nil, epilogue: epilogue)
    let primitive = primitives.primitive(for: shape) { weightLayouts.removeAll() }.primitive
    let b = weightLayouts.weights(
      for: primitive, shape: shape, owner: weights, plain: UnsafeMutableRawPointer(weights.data),
      rows: weights.rows, cols: weights.cols, stream: stream)
    primitive.run(on: stream, a: source.data, b: b, bias: bias, c: c.data)
  }
}
