import CDNNL

/// Fixed weight matrices in the layouts oneDNN's matmul primitives ask for: each primitive picks its
/// own weight layout (blocked for the CPU's dot-product instructions), and a matrix is reordered
/// into a layout once, on first use, and shared by every primitive of that layout, so that no call
/// repacks weights. The scoring matmuls (`BF16Matmul`, `FP32Matmul`) keep one per thread.
final class OneDNNWeightLayouts {
  /// The reorder of plain row-major weights into one primitive layout.
  private final class Reorder {
    let primitive: dnnl_primitive_t
    let plain: dnnl_memory_t
    let blocked: dnnl_memory_t
    let bytes: Int

    init(rows: Int, cols: Int, type: dnnl_data_type_t, into layout: dnnl_memory_desc_t) {
      var plainDesc = dnnl_memory_desc_t()
      var layout = layout
      OneDNN.check(
        pepnet_dnnl_matrix_desc(&plainDesc, Int64(rows), Int64(cols), Int64(cols), type), "weights")
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

  /// A weight matrix in one layout; keeps the matrix alive so that its identity stays unique.
  private final class Reordered {
    let source: AnyObject
    let data: UnsafeMutableRawPointer
    init(_ source: AnyObject, bytes: Int) {
      self.source = source
      data = .allocate(byteCount: max(1, bytes), alignment: 64)
    }
    deinit { data.deallocate() }
  }

  private struct Key: Hashable {
    let matrix: ObjectIdentifier
    let layout: Int
  }

  let operands: OneDNNMatmul.Operands
  /// Per shape, the index of its primitive's weight layout, or nil when that is plain row-major.
  private var kernelLayouts: [OneDNNMatmul.Shape: Int?] = [:]
  /// Layout indices by the bytes of the layout's descriptor, and each layout's reorder.
  private var layouts: [[UInt8]: Int] = [:]
  private var reorders: [Reorder] = []
  private var reordered: [Key: Reordered] = [:]

  init(operands: OneDNNMatmul.Operands) { self.operands = operands }

  /// How many reordered weight copies are kept (one per weight matrix and layout).
  var count: Int { reordered.count }

  /// Forgets every layout and copy (when the primitives they were made for are dropped).
  func removeAll() {
    kernelLayouts.removeAll()
    layouts.removeAll()
    reordered.removeAll()
    reorders.removeAll()
  }

  /// The weights of `shape`'s `primitive`: `matrix`'s plain row-major data (`rows x cols`, owned by
  /// `owner`) itself, or its copy in the primitive's layout, reordered on first use on `stream`.
  func weights(
    for primitive: OneDNNMatmul, shape: OneDNNMatmul.Shape, owner: AnyObject, plain: UnsafeMutableRawPointer,
    rows: Int, cols: Int, stream: dnnl_stream_t
  ) -> UnsafeMutableRawPointer {
    let layout: Int?
    if let known = kernelLayouts[shape] {
      layout = known
    } else {
      layout = self.layout(of: primitive, rows: rows, cols: cols)
      kernelLayouts[shape] = layout
    }
    guard let layout else { return plain }
    let key = Key(matrix: ObjectIdentifier(owner), layout: layout)
    if let done = reordered[key] { return done.data }
    let reorder = reorders[layout]
    let copy = Reordered(owner, bytes: reorder.bytes)
    dnnl_memory_set_data_handle(reorder.plain, plain)
    dnnl_memory_set_data_handle(reorder.blocked, copy.data)
    let args = [
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_from, memory: reorder.plain),
      dnnl_exec_arg_t(arg: pepnet_dnnl_arg_to, memory: reorder.blocked),
    ]
    OneDNN.execute(reorder.primitive, args, on: stream, "weight reorder")
    reordered[key] = copy
    return copy.data
  }

  /// The index of `primitive`'s weight layout (nil: plain row-major), found or added.
  private func layout(of primitive: OneDNNMatmul, rows: Int, cols: Int) -> Int? {
    var chosen = primitive.weightsDescriptor
    var plain = dnnl_memory_desc_t()
    OneDNN.check(
      pepnet_dnnl_matrix_desc(&plain, Int64(rows), Int64(cols), Int64(cols), operands.dataType), "weights")
    if dnnl_memory_desc_equal(&chosen, &plain) != 0 { return nil }
    let bytes = withUnsafeBytes(of: &chosen) { Array($0) }
    if let known = layouts[bytes] { return known }
    layouts[bytes] = reorders.count
    reorders.append(Reorder(rows: rows, cols: cols, type: operands.dataType, into: chosen))
    return reorders.count - 1
  }
}
