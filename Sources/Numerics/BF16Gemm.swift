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
/// converts, and one primitive per shape, created on first use (at most `maximumPrimitives`).
public final class BF16Gemm {
  private struct Shape: Hashable {
    let m: Int
    let k: Int
    let n: Int
    let ldb: Int
    let ldc: Int
    let bias: Bool
    let accumulate: Bool
  }

  private final class Kernel {
    let primitive: dnnl_primitive_t
    let source: dnnl_memory_t
    let weights: dnnl_memory_t
    let bias: dnnl_memory_t?
    let destination: dnnl_memory_t

    init(_ shape: Shape) {
      var a = dnnl_memory_desc_t()
      var b = dnnl_memory_desc_t()
      var c = dnnl_memory_desc_t()
      var bias = dnnl_memory_desc_t()
      let (m, k, n) = (Int64(shape.m), Int64(shape.k), Int64(shape.n))
      OneDNN.check(pepnet_dnnl_matrix_desc(&a, m, k, k, dnnl_bf16), "src")
      OneDNN.check(pepnet_dnnl_matrix_desc(&b, k, n, Int64(shape.ldb), dnnl_bf16), "weights")
      OneDNN.check(pepnet_dnnl_matrix_desc(&c, m, n, Int64(shape.ldc), dnnl_f32), "dst")
      if shape.bias { OneDNN.check(pepnet_dnnl_matrix_desc(&bias, 1, n, n, dnnl_f32), "bias") }
      var desc = dnnl_matmul_desc_t()
      OneDNN.check(
        shape.bias
          ? dnnl_matmul_desc_init(&desc, &a, &b, &bias, &c)
          : dnnl_matmul_desc_init(&desc, &a, &b, nil, &c),
        "matmul descriptor \(shape)")
      var attributes: dnnl_primitive_attr_t?
      OneDNN.check(dnnl_primitive_attr_create(&attributes), "attributes")
      defer { dnnl_primitive_attr_destroy(attributes) }
      if shape.accumulate {
        var postOps: dnnl_post_ops_t?
        OneDNN.check(dnnl_post_ops_create(&postOps), "post-ops")
        defer { dnnl_post_ops_destroy(postOps) }
        OneDNN.check(dnnl_post_ops_append_sum(postOps, 1), "sum")
        OneDNN.check(dnnl_primitive_attr_set_post_ops(attributes, postOps), "set post-ops")
      }
      var pd: dnnl_primitive_desc_t?
      OneDNN.check(dnnl_primitive_desc_create(&pd, &desc, attributes, OneDNN.engine, nil), "matmul \(shape)")
      defer { dnnl_primitive_desc_destroy(pd) }
      var primitive: dnnl_primitive_t?
      OneDNN.check(dnnl_primitive_create(&primitive, pd), "matmul primitive \(shape)")
      self.primitive = primitive!
      func memory(_ desc: inout dnnl_memory_desc_t) -> dnnl_memory_t {
        var memory: dnnl_memory_t?
        OneDNN.check(dnnl_memory_create(&memory, &desc, OneDNN.engine, nil), "memory")
        return memory!
      }
      source = memory(&a)
      weights = memory(&b)
      destination = memory(&c)
      self.bias = shape.bias ? memory(&bias) : nil
    }

    deinit {
      dnnl_primitive_destroy(primitive)
      for m in [source, weights, destination] { dnnl_memory_destroy(m) }
      if let bias { dnnl_memory_destroy(bias) }
    }
  }

  /// A growable bf16 buffer.
  private struct Scratch {
    var data: UnsafeMutablePointer<UInt16> = .allocate(capacity: 1)
    var capacity = 1
    mutating func reserve(_ count: Int) {
      guard count > capacity else { return }
      data.deallocate()
      capacity = max(count, capacity * 2)
      data = .allocate(capacity: capacity)
    }
  }

  /// The most primitives kept before the cache is emptied (batch sizes vary only at epoch ends).
  public static let maximumPrimitives = 256

  private let stream: dnnl_stream_t
  private var kernels: [Shape: Kernel] = [:]
  private var left = Scratch()
  private var right = Scratch()

  public init() {
    var stream: dnnl_stream_t?
    OneDNN.check(
      dnnl_stream_create(&stream, OneDNN.engine, dnnl_stream_default_flags.rawValue), "creating a stream")
    self.stream = stream!
  }

  deinit {
    kernels.removeAll()
    dnnl_stream_destroy(stream)
    left.data.deallocate()
    right.data.deallocate()
  }

  /// How many primitives are cached (one per distinct shape).
  public var primitiveCount: Int { kernels.count }

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
    let shape = Shape(m: m, k: k, n: n, ldb: ldb, ldc: c.stride, bias: bias != nil, accumulate: accumulate)
    let kernel: Kernel
    if let cached = kernels[shape] {
      kernel = cached
    } else {
      if kernels.count >= Self.maximumPrimitives { kernels.removeAll() }
      kernel = Kernel(shape)
      kernels[shape] = kernel
    }
    dnnl_memory_set_data_handle(kernel.source, a)
    dnnl_memory_set_data_handle(kernel.weights, b)
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
