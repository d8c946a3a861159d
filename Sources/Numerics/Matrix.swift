/// A row-major Float32 matrix over one contiguous, owned buffer.
///
/// A reference type on purpose: layers keep their activation and gradient buffers across training
/// steps and hand them to each other without copying. `resize(rows:)` changes the logical row count
/// without reallocating while the capacity suffices, so buffers are laid out once per batch shape.
public final class Matrix {
  public private(set) var rows: Int
  public let cols: Int
  public private(set) var capacityRows: Int
  public private(set) var data: UnsafeMutablePointer<Float>

  public init(rows: Int, cols: Int) {
    precondition(rows >= 0 && cols >= 0, "matrix shape must be non-negative")
    self.rows = rows
    self.cols = cols
    self.capacityRows = max(rows, 1)
    self.data = .allocate(capacity: max(rows, 1) * max(cols, 1))
    data.initialize(repeating: 0, count: max(rows, 1) * max(cols, 1))
  }

  public convenience init(rows: Int, cols: Int, values: [Float]) {
    precondition(values.count == rows * cols, "value count \(values.count) != \(rows)x\(cols)")
    self.init(rows: rows, cols: cols)
    values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
  }

  deinit { data.deallocate() }

  public var count: Int { rows * cols }

  /// Sets the logical row count; grows (and zero-fills) the buffer only when needed.
  /// Contents are preserved up to the old row count when growing.
  public func resize(rows newRows: Int) {
    precondition(newRows >= 0)
    if newRows > capacityRows {
      let newCapacity = max(newRows, capacityRows * 2)
      let fresh = UnsafeMutablePointer<Float>.allocate(capacity: newCapacity * max(cols, 1))
      fresh.initialize(repeating: 0, count: newCapacity * max(cols, 1))
      fresh.update(from: data, count: rows * cols)
      data.deallocate()
      data = fresh
      capacityRows = newCapacity
    }
    rows = newRows
  }

  @inline(__always) public subscript(row: Int, col: Int) -> Float {
    get { data[row * cols + col] }
    set { data[row * cols + col] = newValue }
  }

  @inline(__always) public func row(_ r: Int) -> UnsafeMutablePointer<Float> { data + r * cols }

  public var view: MatrixView { MatrixView(data: data, rows: rows, cols: cols, stride: cols) }

  /// A view of the column range `start ..< start + width` over all rows.
  public func columns(_ start: Int, _ width: Int) -> MatrixView {
    precondition(start >= 0 && start + width <= cols, "column slice out of range")
    return MatrixView(data: data + start, rows: rows, cols: width, stride: cols)
  }

  public var buffer: UnsafeMutableBufferPointer<Float> { .init(start: data, count: count) }

  public func toArray() -> [Float] { Array(buffer) }

  public func fill(_ value: Float) { data.update(repeating: value, count: count) }

  public func zero() { fill(0) }

  public func copy(from other: Matrix) {
    precondition(other.cols == cols, "column mismatch in copy")
    resize(rows: other.rows)
    data.update(from: other.data, count: count)
  }
}

/// A strided, non-owning window onto a matrix: `rows` x `cols`, rows `stride` floats apart.
/// Used to hand column blocks of a fused buffer (for example one gate's slice) to GEMM without copies.
public struct MatrixView {
  public let data: UnsafeMutablePointer<Float>
  public let rows: Int
  public let cols: Int
  public let stride: Int

  public init(data: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int) {
    self.data = data
    self.rows = rows
    self.cols = cols
    self.stride = stride
  }

  @inline(__always) public subscript(row: Int, col: Int) -> Float {
    get { data[row * stride + col] }
    nonmutating set { data[row * stride + col] = newValue }
  }

  public func columns(_ start: Int, _ width: Int) -> MatrixView {
    precondition(start >= 0 && start + width <= cols, "column slice out of range")
    return MatrixView(data: data + start, rows: rows, cols: width, stride: stride)
  }

  public func rows(_ start: Int, _ count: Int) -> MatrixView {
    precondition(start >= 0 && start + count <= rows, "row slice out of range")
    return MatrixView(data: data + start * stride, rows: count, cols: cols, stride: stride)
  }
}
