import PepnetNumerics

/// Mean pooling of a multi-valued field (issue 18, item 4), as DeepCTR's `VarLenSparseFeat`
/// with the mean combiner and TorchRec's `EmbeddingBag(mode: mean)` do.
///
/// A row's field holds `slots` ids: its values' ids, then padding (any negative id) after the
/// last. Its embedding is the mean of the values' rows, so each value's row receives the
/// output gradient divided by the number of values. The encoder gives every cell at least one
/// id (the OOV slot 0 when it has no known value); a row whose first slot is padding pools to
/// zeros and passes no gradient.
extension EmbeddingTable {
  /// The number of values in row `b`'s slots (the ids before the first padding).
  @inline(__always) static func valueCount(_ ids: UnsafePointer<Int32>, slots: Int) -> Int {
    var n = 0
    while n < slots && ids[n] >= 0 { n += 1 }
    return n
  }

  /// Writes into `out[b, column ..< column + dim]` the mean of the rows of the ids in slots
  /// `ids[b * idStride + idOffset ..< + slots]`.
  @inline(__always)
  public func gatherMean(
    ids: UnsafePointer<Int32>, idStride: Int, idOffset: Int, slots: Int, count: Int, into out: MatrixView,
    column: Int
  ) {
    let d = dim
    for b in 0..<count {
      let row = ids + b * idStride + idOffset
      let n = Self.valueCount(row, slots: slots)
      let dst = out.data + b * out.stride + column
      dst.update(repeating: 0, count: d)
      guard n > 0 else { continue }
      for k in 0..<n {
        let id = Int(row[k])
        precondition(id < vocabularySize, "\(name): id \(id) outside vocabulary 0..<\(vocabularySize)")
        let src = weights.data + id * d
        for j in 0..<d { dst[j] += src[j] }
      }
      let scale = 1 / Float(n)
      for j in 0..<d { dst[j] *= scale }
    }
  }

  /// Adds `dOut[b, column ..< column + dim] / n` into the gradient row of each of row `b`'s `n`
  /// values (the backward pass of `gatherMean`).
  @inline(__always)
  public func scatterMeanGradient(
    ids: UnsafePointer<Int32>, idStride: Int, idOffset: Int, slots: Int, count: Int, from dOut: MatrixView,
    column: Int
  ) {
    let d = dim
    for b in 0..<count {
      let row = ids + b * idStride + idOffset
      let n = Self.valueCount(row, slots: slots)
      guard n > 0 else { continue }
      let scale = 1 / Float(n)
      let src = dOut.data + b * dOut.stride + column
      for k in 0..<n {
        let g = touch(Int(row[k]))
        for j in 0..<d { g[j] += scale * src[j] }
      }
    }
  }
}
