import Testing

@testable import PepnetNumerics

@Suite struct GEMMTests {
  @Test func multipliesSmallMatricesInAllTransposeModes() {
    let a = Matrix(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6])
    let b = Matrix(rows: 3, cols: 2, values: [7, 8, 9, 10, 11, 12])
    let c = Matrix(rows: 2, cols: 2)
    gemm(a.view, b.view, into: c.view)
    #expect(c.toArray() == [58, 64, 139, 154])
    // (a^T)^T b via a transposed copy
    let at = Matrix(rows: 3, cols: 2, values: [1, 4, 2, 5, 3, 6])
    gemm(at.view, b.view, into: c.view, transA: .transposed)
    #expect(c.toArray() == [58, 64, 139, 154])
    let bt = Matrix(rows: 2, cols: 3, values: [7, 9, 11, 8, 10, 12])
    gemm(a.view, bt.view, into: c.view, transB: .transposed, beta: 1)
    #expect(c.toArray() == [116, 128, 278, 308])
  }

  @Test func fastExpMatchesLibm() {
    var worst: Float = 0
    var x: Float = -80
    while x < 80 {
      let rel = abs(fastExp(x) - Float(_exp(Double(x)))) / Float(_exp(Double(x)))
      worst = max(worst, rel)
      x += 0.0137
    }
    #expect(worst < 1e-6)
  }
}

#if canImport(Glibc)
  import Glibc
  private func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#endif
