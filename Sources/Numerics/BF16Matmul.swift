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
/// dot-product instructions); a weight matrix is reordered into a layout once, on first use, and
/// shared by every primitive of that layout, so no call repacks weights. The caches are emptied
/// together when the primitives' is full.
public final class BF16Matmul {
  /// Element-wise work fused into the matmul's output (oneDNN post-ops).
  public enum Epilogue: Hashable, Sendable {
    case none
    case relu
    /// `scale * sigmoid(x)`, the Gate NU's output.
    case scaledSigmoid(Float)
  }

  /// The reorder of plain row-major bf16 weights into one primitive layout.
  private final class WeightReorder {
    let primitive: dnnl_primitive_t
    let plain: dnnl_memory_t
    let blocked: dnnl_memory_t
    let bytes: Int

    init(rows: Int, cols: Int, into layout: dnnl_memory_desc_t) {
      var plainDesc = dnnl_memory_desc_t()
      var layout = layout
      OneDNN.check(
        pepnet_dnnl_matrix_desc(&plainDesc, Int64(rows), Int64(cols), Int64(cols), dnnl_bf16), "weights")
      bytes = dnnl_memory_desc_get_size(&layout)
      var pd: dnnl_primitive_desc_t?
      OneDNN.check(
        dnnl_reorder_primitive_desc_create(&pd, &plainDesc, OneDNN.engine, &layout, OneDNN.engine, nil),
        "weight reorder \(rows)x\(cols)")
      defer { dnnl_primitive_desc_destroy(pd) }
      var primitive: dnnl_primitive_t?
      OneDNN.check(dnnl_primitive_create(&primitive, pd), "weight reorder primitive")
      self.primitive = primitive!
      plain = OneDNN.memory(&plainDesc)
      blocked = OneDNN.memory(&layout)
    }

    deinit {
      dnnl_primitive_destroy(primitive)
      dnnl_memory_destroy(plain)
      dnnl_memory_destroy(blocked)
    }
  }

  /// A weight matrix in one primitive layout; keeps the matrix alive so its identity stays unique.
  private final class ReorderedWeights {
    let source: BF16Matrix
    let data: UnsafeMutableRawPointer
    init(_ source: BF16Matrix, bytes: Int) {
      self.source = source
      data = .allocate(byteCount: max(1, bytes), alignment: 64)
    }
    deinit { data.deallocate() }
  }

  private struct WeightKey: Hashable {
    let matrix: ObjectIdentifier
    let layout: Int
  }

  /// The most primitives kept before the caches are emptied.
  public static let maximumPrimitives = 256

  private let stream = OneDNN.makeStream()
  private var primitives = OneDNNMatmulCache(limit: BF16Matmul.maximumPrimitives)
  /// Per shape, the index of its primitive's weight layout, or nil when that is plain row-major.
  private var kernelLayouts: [OneDNNMatmul.Shape: Int?] = [:]
  /// Layout indices by the bytes of the layout's descriptor, and each layout's reorder.
  private var layouts: [[UInt8]: Int] = [:]
  private var reorders: [WeightReorder] = []
  private var reordered: [WeightKey: ReorderedWeights] = [:]
  private var source = BF16Buffer()

  public init() {}

  deinit {
    primitives.removeAll()
    reordered.removeAll()
    reorders.removeAll()
    dnnl_stream_destroy(stream)
    source.deallocate()
  }

  /// `epilogue` of one value, for the empty product only (oneDNN computes it otherwise).
  static func apply(_ epilogue: Epilogue, _ x: Float) -> Float {
    switch epilogue {
    case .none: return x
    case .relu: return max(x, 0)
    case .scaledSigmoid(let scale): return scale / (1 + fastExp(-x))
    }
  }

  /// How many primitives are cached (one per distinct shape).
  public var primitiveCount: Int { primitives.count }

  /// How many reordered weight copies are cached (one per weight matrix and layout).
  public var reorderedWeightCount: Int { reordered.count }

  /// The index of `primitive`'s weight layout (nil: plain row-major), found or added.
  private func layout(of primitive: OneDNNMatmul, rows: Int, cols: Int) -> Int? {
    var chosen = primitive.weightsDescriptor
    var plain = dnnl_memory_desc_t()
    OneDNN.check(pepnet_dnnl_matrix_desc(&plain, Int64(rows), Int64(cols), Int64(cols), dnnl_bf16), "weights")
    if dnnl_memory_desc_equal(&chosen, &plain) != 0 { return nil }
    let bytes = withUnsafeBytes(of: &chosen) { Array($0) }
    if let known = layouts[bytes] { return known }
    layouts[bytes] = reorders.count
    reorders.append(WeightReorder(rows: rows, cols: cols, into: chosen))
    return reorders.count - 1
  }

  /// `matrix`'s data in layout `layout` (nil: the matrix itself), reordered on first use.
  private func weightData(_ matrix: BF16Matrix, layout: Int?) -> UnsafeMutableRawPointer {
    guard let layout else { return UnsafeMutableRawPointer(matrix.data) }
    let key = WeightKey(matrix: ObjectIdentifier(matrix), layout: layout)
    if let done = reordered[key] { return done.data }
    let reorder = reorders[layout]
    let copy = ReorderedWeights(matrix, bytes: reorder.bytes)
    dnnl_memory_set_data_handle(reorder.plain, matrix.data)
    dnnl_memory_set_data_handle(reorder.blocked, copy.data)
    let args = [
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_from, memory: reorder.plain),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_to, memory: reorder.blocked),
    ]
    OneDNN.execute(reorder.primitive, args, on: stream, "weight reorder")
    reordered[key] = copy
    return copy.data
  }

  /// `c = epilogue(bf16(a) x weights + bias)` (bias: `weights.cols` floats, or nil for none).
  /// With `gate` (`a`'s shape), `bf16(gate ⊙ a)` instead: PPNet's input gate multiplied in the
  /// conversion that every input goes through anyway.
  public func multiply(
    _ a: MatrixView, _ weights: BF16Matrix, bias: UnsafePointer<Float>?, into c: MatrixView,
    epilogue: Epilogue = .none, gate: MatrixView? = nil
  ) {
    precondition(a.cols == weights.rows, "bf16 matmul inner dimensions differ: \(a.cols) vs \(weights.rows)")
    precondition(
      gate.map { $0.rows == a.rows && $0.cols == a.cols } ?? true, "bf16 matmul gate shape differs")
    precondition(
      c.rows == a.rows && c.cols == weights.cols,
      "bf16 matmul output is \(c.rows)x\(c.cols), expected \(a.rows)x\(weights.cols)")
    if c.rows == 0 || c.cols == 0 { return }
    if a.cols == 0 {
      for r in 0..<c.rows {
        for j in 0..<c.cols { c[r, j] = Self.apply(epilogue, bias?[j] ?? 0) }
      }
      return
    }
    source.reserve(a.rows * a.cols)
    if let gate {
      BFloat16.convertProduct(gate, a, into: source.data)
    } else {
      BFloat16.convert(a, into: source.data)
    }
    let shape = OneDNNMatmul.Shape(
      m: a.rows, k: a.cols, n: weights.cols, ldb: nil, ldc: c.stride, bias: bias != nil, epilogue: epilogue)
    let (primitive, created) = primitives.primitive(for: shape) {
      kernelLayouts.removeAll()
      layouts.removeAll()
      reordered.removeAll()
      reorders.removeAll()
    }
    if created { kernelLayouts[shape] = layout(of: primitive, rows: weights.rows, cols: weights.cols) }
    let b = weightData(weights, layout: kernelLayouts[shape] ?? nil)
    primitive.run(on: stream, a: source.data, b: b, bias: bias, c: c.data)
  }
}
