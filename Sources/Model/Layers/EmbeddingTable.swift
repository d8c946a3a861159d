import PepnetNumerics

/// One field's embedding table with sparse row gradients.
///
/// The backward pass adds into the rows a batch touched and records them; the optimiser updates
/// only those rows and then clears the record. Rows are zeroed on first touch, so no step pays for
/// clearing the whole table.
public final class EmbeddingTable {
  public let name: String
  /// The table; shared between a model and its data-parallel replicas.
  public private(set) var weights: Matrix
  let grads: Matrix
  private var touchedFlags: [Bool]
  public private(set) var touchedRows: [Int32] = []
  /// Adam's moments (lazy: only touched rows change), allocated by the optimiser on first use.
  var firstMoment: Matrix?
  var secondMoment: Matrix?

  public var vocabularySize: Int { weights.rows }
  public var dim: Int { weights.cols }

  public init(name: String, vocabularySize: Int, dim: Int, rng: inout SeededRNG, std: Float = 0.05) {
    self.name = name
    weights = Matrix(rows: vocabularySize, cols: dim)
    grads = Matrix(rows: vocabularySize, cols: dim)
    touchedFlags = Array(repeating: false, count: vocabularySize)
    for i in 0..<weights.count { weights.data[i] = rng.normal() * std }
  }

  /// Copies row `ids[b * idStride + idOffset]` into column block `out[b, column ..< column + dim]`.
  @inline(__always)
  public func gather(
    ids: UnsafePointer<Int32>, idStride: Int, idOffset: Int, count: Int, into out: MatrixView, column: Int
  ) {
    let d = dim
    for b in 0..<count {
      let id = Int(ids[b * idStride + idOffset])
      precondition(
        id >= 0 && id < vocabularySize, "\(name): id \(id) outside vocabulary 0..<\(vocabularySize)")
      (out.data + b * out.stride + column).update(from: weights.data + id * d, count: d)
    }
  }

  /// Adds `dOut[b, column ..< column + dim]` into the gradient row of each sample's id.
  @inline(__always)
  public func scatterGradient(
    ids: UnsafePointer<Int32>, idStride: Int, idOffset: Int, count: Int, from dOut: MatrixView, column: Int
  ) {
    let d = dim
    for b in 0..<count {
      let g = touch(Int(ids[b * idStride + idOffset]))
      let src = dOut.data + b * dOut.stride + column
      for j in 0..<d { g[j] += src[j] }
    }
  }

  /// The gradient row of `id`, recorded as touched (and zeroed) on its first touch since the
  /// last clear.
  @inline(__always) func touch(_ id: Int) -> UnsafeMutablePointer<Float> {
    let g = grads.data + id * dim
    if !touchedFlags[id] {
      touchedFlags[id] = true
      touchedRows.append(Int32(id))
      g.update(repeating: 0, count: dim)
    }
    return g
  }

  /// The gradient of one row (zero when the row was not touched since the last clear).
  public func gradient(row: Int) -> [Float] {
    guard touchedFlags[row] else { return Array(repeating: 0, count: dim) }
    return Array(UnsafeBufferPointer(start: grads.data + row * dim, count: dim))
  }

  @inline(__always) func gradientRow(_ id: Int) -> UnsafeMutablePointer<Float> { grads.data + id * dim }

  /// Makes this table read and update `other`'s rows (for a data-parallel replica).
  public func shareWeights(of other: EmbeddingTable) {
    precondition(other.vocabularySize == vocabularySize && other.dim == dim, "\(name): shape mismatch")
    weights = other.weights
  }

  /// Adds `other`'s sparse gradient rows into this table's and clears `other`'s.
  public func absorbGradients(of other: EmbeddingTable) {
    let d = dim
    for id32 in other.touchedRows {
      let id = Int(id32)
      let g = grads.data + id * d
      if !touchedFlags[id] {
        touchedFlags[id] = true
        touchedRows.append(id32)
        g.update(repeating: 0, count: d)
      }
      Kernels.axpy(1, other.grads.data + id * d, g, count: d)
    }
    other.clearGradients()
  }

  /// Forgets the touched rows (after an optimiser step).
  public func clearGradients() {
    for id in touchedRows { touchedFlags[Int(id)] = false }
    touchedRows.removeAll(keepingCapacity: true)
  }
}
