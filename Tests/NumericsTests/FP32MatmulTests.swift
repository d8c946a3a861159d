import Foundation
import Testing

@testable import PepnetNumerics

/// oneDNN's fp32 matmul as scoring uses it: against a double-precision product, through strided
/// (column-slice) inputs and outputs, with each fused epilogue; a row's result independent of the
/// rows around it (so that scoring a subset of a catalogue gives the catalogue's scores, bit for
/// bit); NaN kept through the ReLU (at bf16 too); the empty product; and one reordered copy per
/// weight matrix and layout.
@Suite struct FP32MatmulTests {
  private static func random(_ rows: Int, _ cols: Int, _ rng: inout SeededRNG) -> Matrix {
    let m = Matrix(rows: rows, cols: cols)
    for i in 0..<m.count { m.data[i] = rng.uniform() * 2 - 1 }
    return m
  }

  @Test(arguments: [MatmulEpilogue.none, .relu, .scaledSigmoid(2)])
  func matchesTheExactProductThroughStridedViews(_ epilogue: MatmulEpilogue) {
    var rng = SeededRNG(seed: 11)
    let (m, k, n) = (37, 83, 29)
    let a = Self.random(m, k + 5, &rng)  // read through a column slice: a strided input
    let w = Self.random(k, n, &rng)
    let bias = Self.random(1, n, &rng)
    let out = Matrix(rows: m, cols: n + 3)  // written through a column slice: a strided output
    out.fill(42)
    let input = a.columns(2, k)
    let target = out.columns(1, n)
    FP32Matmul().multiply(input, w, bias: bias.data, into: target, epilogue: epilogue)
    var worst = 0.0
    for r in 0..<m {
      for c in 0..<n {
        var x = Double(bias[0, c])
        for i in 0..<k { x += Double(input[r, i]) * Double(w[i, c]) }
        switch epilogue {
        case .none: break
        case .relu: x = max(x, 0)
        case .scaledSigmoid(let scale): x = Double(scale) / (1 + exp(-x))
        }
        worst = max(worst, abs(Double(target[r, c]) - x))
      }
      #expect(out[r, 0] == 42 && out[r, n + 1] == 42 && out[r, n + 2] == 42, "columns outside the slice kept")
    }
    #expect(worst < 1e-5, "largest difference from the exact product \(worst)")
  }

  @Test func aRowScoresTheSameWhateverTheRowsAroundIt() {
    // Scoring's shards are multiples of 8 rows (`Scorer.rowBlock`): a row must get the same bits
    // in a batch of 8 as in one of 512 (shapes of the standard benchmark's tower and gates).
    var rng = SeededRNG(seed: 5)
    for (k, n) in [(432, 960), (64, 384), (384, 256), (128, 1)] {
      let w = Self.random(k, n, &rng)
      let bias = Self.random(1, n, &rng)
      let all = Self.random(512, k, &rng)
      let matmul = FP32Matmul()
      let whole = Matrix(rows: 512, cols: n)
      matmul.multiply(all.view, w, bias: bias.data, into: whole.view, epilogue: .relu)
      for (start, count) in [(0, 8), (200, 16), (480, 32), (8, 264)] {
        let part = Matrix(rows: count, cols: n)
        matmul.multiply(all.view.rows(start, count), w, bias: bias.data, into: part.view, epilogue: .relu)
        var differing = 0
        for r in 0..<count { for c in 0..<n where part[r, c] != whole[start + r, c] { differing += 1 } }
        #expect(differing == 0, "k \(k) n \(n): rows \(start)..<\(start + count): \(differing) values differ")
      }
    }
  }

  @Test func aNaNProductStaysNaNThroughTheReLU() {
    // oneDNN's ReLU post-op turns NaN into 0, which would give a broken model plausible scores;
    // both scoring matmuls keep it NaN, as the training forward does.
    let a = Matrix(rows: 8, cols: 64)
    a[0, 0] = .infinity
    a[0, 1] = -.infinity
    a[1, 0] = .nan
    a[2, 0] = 1
    let w = Matrix(rows: 64, cols: 16)
    w.fill(1)
    let out = Matrix(rows: 8, cols: 16)
    FP32Matmul().multiply(a.view, w, bias: nil, into: out.view, epilogue: .relu)
    #expect(out[0, 0].isNaN && out[1, 3].isNaN && out[2, 5] == 1 && out[3, 0] == 0)
    if OneDNN.hasNativeBF16 {
      out.fill(7)
      BF16Matmul().multiply(a.view, BF16Matrix(w), bias: nil, into: out.view, epilogue: .relu)
      #expect(out[0, 0].isNaN && out[1, 3].isNaN && out[2, 5] == 1 && out[3, 0] == 0)
    }
  }

  @Test func theEmptyProductIsTheEpilogueOfTheBias() {
    let a = Matrix(rows: 3, cols: 0)
    let w = Matrix(rows: 0, cols: 2)
    let bias = Matrix(rows: 1, cols: 2)
    bias[0, 0] = -1
    bias[0, 1] = 0.5
    let out = Matrix(rows: 3, cols: 2)
    FP32Matmul().multiply(a.view, w, bias: bias.data, into: out.view, epilogue: .relu)
    for r in 0..<3 { #expect(out[r, 0] == 0 && out[r, 1] == 0.5) }
  }

  @Test func reordersEachWeightMatrixOncePerLayout() {
    var rng = SeededRNG(seed: 2)
    let w = Self.random(64, 48, &rng)
    let matmul = FP32Matmul()
    for rows in [8, 16, 64, 8] {
      let a = Self.random(rows, 64, &rng)
      let out = Matrix(rows: rows, cols: 48)
      matmul.multiply(a.view, w, bias: nil, into: out.view)
    }
    #expect(matmul.primitiveCount == 3)
    #expect(matmul.reorderedWeightCount <= 1)
  }
}
