import CDNNL

/// Element-wise work on a matmul's output: a oneDNN post-op or pepnet's own kernel after the
/// product, as `OneDNNMatmul.Shape` decides.
public enum MatmulEpilogue: Hashable, Sendable {
  case none
  case relu
  /// `scale * sigmoid(x)`, the Gate NU's output.
  case scaledSigmoid(Float)

  /// Writes the empty product's result (`k == 0`: the epilogue of the bias, or of 0), which oneDNN
  /// does not compute.
  func fillEmptyProduct(_ c: MatrixView, bias: UnsafePointer<Float>?) {
    for r in 0..<c.rows {
      for j in 0..<c.cols {
        let x = bias?[j] ?? 0
        switch self {
        case .none: c[r, j] = x
        case .relu: c[r, j] = max(x, 0)
        case .scaledSigmoid(let scale): c[r, j] = scale / (1 + fastExp(-x))
        }
      }
    }
  }

  /// Applies the epilogue in place to `rows x cols` values with row stride `stride`, with pepnet's
  /// kernels (the ones training uses; ReLU keeps NaN).
  func apply(to c: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int) {
    for r in 0..<rows {
      let row = c + r * stride
      switch self {
      case .none: return
      case .relu: Kernels.relu(row, row, count: cols)
      case .scaledSigmoid(let scale): Kernels.scaledSigmoid(row, row, count: cols, scale: scale)
      }
    }
  }
}

/// One oneDNN matmul primitive, `c[fp32] (+)= epilogue(a x b + bias[fp32])` with `a` and `b` in
/// bf16 or fp32 and fp32 accumulation, and its memory objects (data handles set per call): the one
/// set-up behind scoring's `BF16Matmul` and `FP32Matmul` and training's `BF16Gemm`.
final class OneDNNMatmul {
  /// The element type of the operands `a` and `b` (`c` and the bias are always fp32).
  enum Operands: Hashable {
    case bf16, fp32

    var dataType: dnnl_data_type_t { self == .bf16 ? dnnl_bf16 : dnnl_f32 }
  }

  /// What a primitive is made for: `a` is `m x k` row-major with row stride `lda` (nil: `k`) and
  /// `c` `m x n` with row stride `ldc`.
  /// `b` (`k x n`) is row-major with row stride `ldb`, or with `ldb == nil` in the layout the
  /// primitive prefers (`weightsDescriptor`; blocked for the bf16 dot-product instructions), which
  /// the caller reorders fixed weights into. `accumulate` adds the product to `c` (a sum post-op).
  struct Shape: Hashable {
    var m: Int
    var k: Int
    var n: Int
    var ldb: Int?
    var ldc: Int
    var bias: Bool
    var accumulate = false
    var epilogue = MatmulEpilogue.none
    var operands = Operands.bf16
    var lda: Int? = nil

    /// The part of `epilogue` oneDNN fuses as a post-op. ReLU never is: oneDNN's turns NaN into 0,
    /// which would hide a broken model's NaN scores behind plausible ones. `gamma * sigmoid` is for
    /// bf16 (whose results `BF16FingerprintTests` pins), not for fp32: there oneDNN's logistic cost
    /// about as much as a K = 64 product, and training's kernel is cheaper.
    var fusedEpilogue: MatmulEpilogue {
      if case .scaledSigmoid = epilogue, operands == .bf16 { return epilogue }
      return .none
    }

    /// The part of `epilogue` that `run` applies after the product, with pepnet's kernels.
    var epilogueAfterwards: MatmulEpilogue { fusedEpilogue == .none ? epilogue : .none }
  }

  let shape: Shape
  let primitive: dnnl_primitive_t
  let source: dnnl_memory_t
  let weights: dnnl_memory_t
  let bias: dnnl_memory_t?
  let destination: dnnl_memory_t
  /// The layout of `b` the primitive takes.
  private(set) var weightsDescriptor: dnnl_memory_desc_t

  init(_ shape: Shape) {
    var a = dnnl_memory_desc_t()
    var b = dnnl_memory_desc_t()
    var c = dnnl_memory_desc_t()
    var bias = dnnl_memory_desc_t()
    let (m, k, n) = (Int64(shape.m), Int64(shape.k), Int64(shape.n))
    let type = shape.operands.dataType
    OneDNN.check(pepnet_dnnl_matrix_desc(&a, m, k, Int64(shape.lda ?? shape.k), type), "src")
    if let ldb = shape.ldb {
      OneDNN.check(pepnet_dnnl_matrix_desc(&b, k, n, Int64(ldb), type), "weights")
    } else {
      OneDNN.check(pepnet_dnnl_matrix_desc_any(&b, k, n, type), "weights")
    }
    OneDNN.check(pepnet_dnnl_matrix_desc(&c, m, n, Int64(shape.ldc), dnnl_f32), "dst")
    if shape.bias { OneDNN.check(pepnet_dnnl_matrix_desc(&bias, 1, n, n, dnnl_f32), "bias") }
    self.shape = shape
    var desc = dnnl_matmul_desc_t()
    OneDNN.check(
      shape.bias
        ? dnnl_matmul_desc_init(&desc, &a, &b, &bias, &c) : dnnl_matmul_desc_init(&desc, &a, &b, nil, &c),
      "matmul descriptor \(shape)")
    var attributes: dnnl_primitive_attr_t?
    OneDNN.check(dnnl_primitive_attr_create(&attributes), "attributes")
    defer { dnnl_primitive_attr_destroy(attributes) }
    if shape.accumulate || shape.fusedEpilogue != .none {
      var postOps: dnnl_post_ops_t?
      OneDNN.check(dnnl_post_ops_create(&postOps), "post-ops")
      defer { dnnl_post_ops_destroy(postOps) }
      if shape.accumulate { OneDNN.check(dnnl_post_ops_append_sum(postOps, 1), "sum") }
      switch shape.fusedEpilogue {
      case .none, .relu: break
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
    weightsDescriptor = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0)!.pointee
    source = OneDNN.memory(&a)
    weights = OneDNN.memory(&weightsDescriptor)
    destination = OneDNN.memory(&c)
    self.bias = shape.bias ? OneDNN.memory(&bias) : nil
  }

  deinit {
    dnnl_primitive_destroy(primitive)
    for m in [source, weights, destination] { dnnl_memory_destroy(m) }
    if let bias { dnnl_memory_destroy(bias) }
  }

  /// Runs the product on `stream` and waits for it, then the epilogue oneDNN did not fuse
  /// (`Shape.epilogueAfterwards`). `b` is in `weightsDescriptor`'s layout.
  func run(
    on stream: dnnl_stream_t, a: UnsafeMutableRawPointer, b: UnsafeMutableRawPointer,
    bias biasValues: UnsafePointer<Float>?, c: UnsafeMutablePointer<Float>
  ) {
    GEMMMemoryGuard.check()
    dnnl_memory_set_data_handle(source, a)
    dnnl_memory_set_data_handle(weights, b)
    dnnl_memory_set_data_handle(destination, c)
    var args = [
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_src, memory: source),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_weights, memory: weights),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_dst, memory: destination),
    ]
    if let biasValues, let bias {
      dnnl_memory_set_data_handle(bias, UnsafeMutableRawPointer(mutating: biasValues))
      args.append(dnnl_exec_arg_t(arg: pepnet_dnnl_arg_bias, memory: bias))
    }
    OneDNN.execute(primitive, args, on: stream, "matmul")
    shape.epilogueAfterwards.apply(to: c, rows: shape.m, cols: shape.n, stride: shape.ldc)
  }
}

/// The primitives of one thread, one per shape, created on first use and kept, since creating one
/// costs far more than running one on these layer sizes. At most `limit`: callers that meet ever
/// new row counts get the cache emptied and rebuilt rather than growing without bound.
struct OneDNNMatmulCache {
  let limit: Int
  private var primitives: [OneDNNMatmul.Shape: OneDNNMatmul] = [:]

  init(limit: Int) { self.limit = limit }

  var count: Int { primitives.count }

  /// `shape`'s primitive; `created` is true when it was made now. A full cache is emptied first,
  /// after `emptying` (for what the caller keeps per primitive).
  mutating func primitive(for shape: OneDNNMatmul.Shape, emptying: () -> Void = {}) -> (
    primitive: OneDNNMatmul, created: Bool
  ) {
    if let cached = primitives[shape] { return (cached, false) }
    if primitives.count >= limit {
      emptying()
      primitives.removeAll()
    }
    let made = OneDNNMatmul(shape)
    primitives[shape] = made
    return (made, true)
  }

  mutating func removeAll() { primitives.removeAll() }
}

/// A growable buffer of bf16 values: the converted operands of a matmul.
struct BF16Buffer {
  private(set) var data: UnsafeMutablePointer<UInt16> = .allocate(capacity: 1)
  private var capacity = 1

  /// Makes room for `count` values (contents not kept).
  mutating func reserve(_ count: Int) {
    guard count > capacity else { return }
    data.deallocate()
    capacity = max(count, capacity * 2)
    data = .allocate(capacity: capacity)
  }

  func deallocate() { data.deallocate() }
}
