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
/// shape (m, k, n, c's row stride, bias, epilogue), created on first use and kept, since creating a
/// primitive costs far more than running one on these layer sizes. Each primitive picks its own
/// weight layout (blocked for the bf16 dot-product instructions); a weight matrix is reordered into
/// a layout once, on first use, and shared by every primitive of that layout, so no call repacks
/// weights. At most `maximumPrimitives` are kept: callers that score ever new row counts (any
/// number of items) get their caches emptied and rebuilt rather than growing without bound.
public final class BF16Matmul {
  /// Element-wise work fused into the matmul's output (oneDNN post-ops).
  public enum Epilogue: Hashable, Sendable {
    case none
    case relu
    /// `scale * sigmoid(x)`, the Gate NU's output.
    case scaledSigmoid(Float)
  }

  private struct Shape: Hashable {
    let m: Int
    let k: Int
    let n: Int
    let ldc: Int
    let bias: Bool
    let epilogue: Epilogue
  }

  /// A primitive with its memory objects (data handles set per call).
  private final class Kernel {
    let primitive: dnnl_primitive_t
    let source: dnnl_memory_t
    let weights: dnnl_memory_t
    let bias: dnnl_memory_t?
    let destination: dnnl_memory_t
    /// Plain row-major bf16 to the primitive's layout, or nil when it takes row-major weights.
    let weightReorder: dnnl_primitive_t?
    let weightBytes: Int
    /// The bytes of the weight layout's descriptor, to find primitives that share a layout.
    let weightLayout: [UInt8]
    let plainWeights: dnnl_memory_t

    init(_ shape: Shape) {
      var a = dnnl_memory_desc_t()
      var plainB = dnnl_memory_desc_t()
      var anyB = dnnl_memory_desc_t()
      var c = dnnl_memory_desc_t()
      var bias = dnnl_memory_desc_t()
      let (m, k, n) = (Int64(shape.m), Int64(shape.k), Int64(shape.n))
      OneDNN.check(pepnet_dnnl_matrix_desc(&a, m, k, k, dnnl_bf16), "src")
      OneDNN.check(pepnet_dnnl_matrix_desc(&plainB, k, n, n, dnnl_bf16), "weights")
      OneDNN.check(pepnet_dnnl_matrix_desc_any(&anyB, k, n, dnnl_bf16), "weights")
      OneDNN.check(pepnet_dnnl_matrix_desc(&c, m, n, Int64(shape.ldc), dnnl_f32), "dst")
      if shape.bias { OneDNN.check(pepnet_dnnl_matrix_desc(&bias, 1, n, n, dnnl_f32), "bias") }
      var desc = dnnl_matmul_desc_t()
      OneDNN.check(
        shape.bias
          ? dnnl_matmul_desc_init(&desc, &a, &anyB, &bias, &c)
          : dnnl_matmul_desc_init(&desc, &a, &anyB, nil, &c),
        "matmul descriptor \(shape)")
      var attributes: dnnl_primitive_attr_t?
      OneDNN.check(dnnl_primitive_attr_create(&attributes), "attributes")
      defer { dnnl_primitive_attr_destroy(attributes) }
      if shape.epilogue != .none {
        var postOps: dnnl_post_ops_t?
        OneDNN.check(dnnl_post_ops_create(&postOps), "post-ops")
        defer { dnnl_post_ops_destroy(postOps) }
        switch shape.epilogue {
        case .none: break
        case .relu: OneDNN.check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_relu, 0, 0), "relu")
        case .scaledSigmoid(let scale):
          OneDNN.check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_logistic, 0, 0), "logistic")
          OneDNN.check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_linear, scale, 0), "scale")
        }
        OneDNN.check(dnnl_primitive_attr_set_post_ops(attributes, postOps), "set post-ops")
      }
      var pd: dnnl_primitive_desc_t?
      OneDNN.check(dnnl_primitive_desc_create(&pd, &desc, attributes, OneDNN.engine, nil), "matmul \(shape)")
      defer { dnnl_primitive_desc_destroy(pd) }
      var primitive: dnnl_primitive_t?
      OneDNN.check(dnnl_primitive_create(&primitive, pd), "matmul primitive \(shape)")
      self.primitive = primitive!
      var chosenB = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0)!.pointee
      weightBytes = dnnl_memory_desc_get_size(&chosenB)
      weightLayout = withUnsafeBytes(of: &chosenB) { Array($0) }
      if dnnl_memory_desc_equal(&chosenB, &plainB) != 0 {
        weightReorder = nil
      } else {
        var reorderPD: dnnl_primitive_desc_t?
        OneDNN.check(
          dnnl_reorder_primitive_desc_create(
            &reorderPD, &plainB, OneDNN.engine, &chosenB, OneDNN.engine, nil),
          "weight reorder \(shape)")
        defer { dnnl_primitive_desc_destroy(reorderPD) }
        var reorder: dnnl_primitive_t?
        OneDNN.check(dnnl_primitive_create(&reorder, reorderPD), "weight reorder primitive")
        weightReorder = reorder
      }
      func memory(_ desc: inout dnnl_memory_desc_t) -> dnnl_memory_t {
        var memory: dnnl_memory_t?
        OneDNN.check(dnnl_memory_create(&memory, &desc, OneDNN.engine, nil), "memory")
        return memory!
      }
      source = memory(&a)
      weights = memory(&chosenB)
      destination = memory(&c)
      self.bias = shape.bias ? memory(&bias) : nil
      plainWeights = memory(&plainB)
    }

    deinit {
      dnnl_primitive_destroy(primitive)
      if let weightReorder { dnnl_primitive_destroy(weightReorder) }
      for m in [source, weights, destination, plainWeights] { dnnl_memory_destroy(m) }
      if let bias { dnnl_memory_destroy(bias) }
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

  private let stream: dnnl_stream_t
  private var kernels: [Shape: Kernel] = [:]
  private var kernelLayouts: [Shape: Int] = [:]
  private var layouts: [[UInt8]: Int] = [:]
  private var reordered: [WeightKey: ReorderedWeights] = [:]
  private var source: UnsafeMutablePointer<UInt16>
  private var sourceCapacity: Int

  public init() {
    var stream: dnnl_stream_t?
    OneDNN.check(
      dnnl_stream_create(&stream, OneDNN.engine, dnnl_stream_default_flags.rawValue), "creating a stream")
    self.stream = stream!
    sourceCapacity = 1
    source = .allocate(capacity: 1)
  }

  deinit {
    kernels.removeAll()
    reordered.removeAll()
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
  public var primitiveCount: Int { kernels.count }

  /// How many reordered weight copies are cached (one per weight matrix and layout).
  public var reorderedWeightCount: Int { reordered.count }

  /// `matrix`'s data in `kernel`'s weight layout: the matrix itself when the layout is row-major,
  /// else its reordered copy, made on first use.
  private func weightData(_ matrix: BF16Matrix, for kernel: Kernel, layout: Int) -> UnsafeMutableRawPointer {
    guard let reorder = kernel.weightReorder else { return UnsafeMutableRawPointer(matrix.data) }
    let key = WeightKey(matrix: ObjectIdentifier(matrix), layout: layout)
    if let done = reordered[key] { return done.data }
    let copy = ReorderedWeights(matrix, bytes: kernel.weightBytes)
    dnnl_memory_set_data_handle(kernel.plainWeights, matrix.data)
    dnnl_memory_set_data_handle(kernel.weights, copy.data)
    let args = [
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_from, memory: kernel.plainWeights),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_to, memory: kernel.weights),
    ]
    OneDNN.check(dnnl_primitive_execute(reorder, stream, 2, args), "weight reorder")
    OneDNN.check(dnnl_stream_wait(stream), "stream wait")
    reordered[key] = copy
    return copy.data
  }

  /// `c = epilogue(bf16(a) x weights + bias)` (bias: `weights.cols` floats, or nil for none).
  public func multiply(
    _ a: MatrixView, _ weights: BF16Matrix, bias: UnsafePointer<Float>?, into c: MatrixView,
    epilogue: Epilogue = .none
  ) {
    precondition(a.cols == weights.rows, "bf16 matmul inner dimensions differ: \(a.cols) vs \(weights.rows)")
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
    let needed = a.rows * a.cols
    if needed > sourceCapacity {
      source.deallocate()
      sourceCapacity = max(needed, sourceCapacity * 2)
      source = .allocate(capacity: sourceCapacity)
    }
    BFloat16.convert(a, into: source)
    let shape = Shape(
      m: a.rows, k: a.cols, n: weights.cols, ldc: c.stride, bias: bias != nil, epilogue: epilogue)
    let kernel: Kernel
    let layout: Int
    if let cached = kernels[shape], let cachedLayout = kernelLayouts[shape] {
      kernel = cached
      layout = cachedLayout
    } else {
      if kernels.count >= Self.maximumPrimitives {
        kernels.removeAll()
        kernelLayouts.removeAll()
        layouts.removeAll()
        reordered.removeAll()
      }
      kernel = Kernel(shape)
      layout = layouts[kernel.weightLayout] ?? layouts.count
      layouts[kernel.weightLayout] = layout
      kernels[shape] = kernel
      kernelLayouts[shape] = layout
    }
    let weightData = weightData(weights, for: kernel, layout: layout)
    dnnl_memory_set_data_handle(kernel.source, source)
    dnnl_memory_set_data_handle(kernel.weights, weightData)
    dnnl_memory_set_data_handle(kernel.destination, c.data)
    var args = [
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_src, memory: kernel.source),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_weights, memory: kernel.weights),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_dst, memory: kernel.destination),
    ]
    if let bias, let memory = kernel.bias {
      dnnl_memory_set_data_handle(memory, UnsafeMutableRawPointer(mutating: bias))
      args.append(dnnl_exec_arg_t(arg: pepnet_dnnl_arg_bias, memory: memory))
    }
    OneDNN.check(dnnl_primitive_execute(kernel.primitive, stream, Int32(args.count), args), "matmul")
    OneDNN.check(dnnl_stream_wait(stream), "stream wait")
  }
}
