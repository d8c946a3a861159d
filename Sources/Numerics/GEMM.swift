import CBLAS

/// Whether a GEMM operand is used as stored or transposed.
public enum Transpose {
  case none, transposed
  var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// `c = alpha * op(a) * op(b) + beta * c`, through OpenBLAS `cblas_sgemm`.
///
/// All operands are row-major views; the shapes are checked before the call so that a
/// mistake is a precondition failure with a message, not memory corruption.
public func gemm(
  _ a: MatrixView, _ b: MatrixView, into c: MatrixView, transA: Transpose = .none,
  transB: Transpose = .none, alpha: Float = 1, beta: Float = 0
) {
  let m = transA == .none ? a.rows : a.cols
  let k = transA == .none ? a.cols : a.rows
  let kb = transB == .none ? b.rows : b.cols
  let n = transB == .none ? b.cols : b.rows
  precondition(k == kb, "gemm inner dimensions differ: \(k) vs \(kb)")
  precondition(c.rows == m && c.cols == n, "gemm output is \(c.rows)x\(c.cols), expected \(m)x\(n)")
  if m == 0 || n == 0 { return }
  if k == 0 {
    for r in 0..<m {
      let row = c.data + r * c.stride
      for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
    }
    return
  }
  GEMMMemoryGuard.check()
  cblas_sgemm(
    CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
    a.data, Int32(a.stride), b.data, Int32(b.stride), beta, c.data, Int32(c.stride))
}

/// Threads OpenBLAS may use for one GEMM. One thread keeps small interactive GEMMs cheap;
/// training uses all cores.
public enum BLASThreads {
  public static func set(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }
  public static var current: Int { Int(openblas_get_num_threads()) }
}
