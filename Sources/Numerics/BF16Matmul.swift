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
}

/// `c[fp32] = bf16(a) x b[bf16] + bias[fp32]` through oneDNN's matmul, accumulating in fp32.
///
/// One instance per thread: it owns a oneDNN stream, the bf16 copy of `a` and one primitive per
/// shape (m, k, n, c's row stride, bias or not), created on first use and kept, since creating a
/// primitive costs far more than running one on these layer sizes.
public final class BF16Matmul {
  private struct Shape: Hashable {
    let m: Int
    let k: Int
    let n: Int
    let ldc: Int
    let bias: Bool
  }

  /// A primitive with its memory objects; the data handles are set per call.
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
      OneDNN.check(pepnet_dnnl_matrix_desc(&a, Int64(shape.m), Int64(shape.k), Int64(shape.k), dnnl_bf16), "src")
      OneDNN.check(
        pepnet_dnnl_matrix_desc(&b, Int64(shape.k), Int64(shape.n), Int64(shape.n), dnnl_bf16), "weights")
      OneDNN.check(pepnet_dnnl_matrix_desc(&c, Int64(shape.m), Int64(shape.n), Int64(shape.ldc), dnnl_f32), "dst")
      if shape.bias {
        OneDNN.check(pepnet_dnnl_matrix_desc(&bias, 1, Int64(shape.n), Int64(shape.n), dnnl_f32), "bias")
      }
      var desc = dnnl_matmul_desc_t()
      OneDNN.check(
        shape.bias
          ? dnnl_matmul_desc_init(&desc, &a, &b, &bias, &c) : dnnl_matmul_desc_init(&desc, &a, &b, nil, &c),
        "matmul descriptor \(shape)")
      var pd: dnnl_primitive_desc_t?
      OneDNN.check(dnnl_primitive_desc_create(&pd, &desc, nil, OneDNN.engine, nil), "matmul \(shape)")
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

  private let stream: dnnl_stream_t
  private var kernels: [Shape: Kernel] = [:]
  private var source: UnsafeMutablePointer<UInt16>
  private var sourceCapacity: Int

  public init() {
    var stream: dnnl_stream_t?
    OneDNN.check(dnnl_stream_create(&stream, OneDNN.engine, dnnl_stream_default_flags.rawValue), "creating a stream")
    self.stream = stream!
    sourceCapacity = 1
    source = .allocate(capacity: 1)
  }

  deinit {
    kernels.removeAll()
    dnnl_stream_destroy(stream)
    source.deallocate()
  }

  /// How many primitives have been created (one per distinct shape).
  public var primitiveCount: Int { kernels.count }

  /// `c = bf16(a) x weights + bias` (bias: `weights.cols` floats, or nil for none).
  public func multiply(
    _ a: MatrixView, _ weights: BF16Matrix, bias: UnsafePointer<Float>?, into c: MatrixView
  ) {
    precondition(a.cols == weights.rows, "bf16 matmul inner dimensions differ: \(a.cols) vs \(weights.rows)")
    precondition(
      c.rows == a.rows && c.cols == weights.cols,
      "bf16 matmul output is \(c.rows)x\(c.cols), expected \(a.rows)x\(weights.cols)")
    if c.rows == 0 || c.cols == 0 { return }
    if a.cols == 0 {
      for r in 0..<c.rows {
        let row = c.data + r * c.stride
        for j in 0..<c.cols { row[j] = bias?[j] ?? 0 }
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
    let shape = Shape(m: a.rows, k: a.cols, n: weights.cols, ldc: c.stride, bias: bias != nil)
    let kernel: Kernel
    if let cached = kernels[shape] {
      kernel = cached
    } else {
      kernel = Kernel(shape)
      kernels[shape] = kernel
    }
    dnnl_memory_set_data_handle(kernel.source, source)
    dnnl_memory_set_data_handle(kernel.weights, weights.data)
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
