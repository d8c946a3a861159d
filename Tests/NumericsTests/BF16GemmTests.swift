import Testing

@testable import PepnetNumerics

/// The three GEMMs of bf16 training against a double-precision product of the same bf16-rounded
/// operands, so only oneDNN's fp32 accumulation differs: the forward with its bias, the input
/// gradient through a column block of Wᵀ into a strided output (written, then accumulated), and the
/// weight gradient accumulated onto what the gradient already holds.
@Suite struct BF16GemmTests {
  func rounded(_ x: Float) -> Double { Double(BFloat16.float(BFloat16.bits(x))) }

  func random(_ rows: Int, _ cols: Int, _ rng: inout SeededRNG) -> Matrix {
    let m = Matrix(rows: rows, cols: cols)
    for i in 0..<m.count { m.data[i] = rng.normal() }
    return m
  }

  func expectClose(_ actual: Float, _ expected: Double, _ what: String) {
    #expect(
      abs(Double(actual) - expected) <= 1e-4 * max(1, abs(expected)), "\(what): \(actual) vs \(expected)")
  }

  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func forwardMatchesTheRoundedProductPlusBias() {
    var rng = SeededRNG(seed: 5)
    let (m, k, n) = (7, 37, 19)
    let x = random(m, k, &rng)
    let w = random(k, n, &rng)
    let bias = random(1, n, &rng)
    let y = Matrix(rows: m, cols: n)
    BF16Gemm().forward(x.view, BF16Matrix(w, transposed: false), bias: bias.data, into: y.view)
    for r in 0..<m {
      for j in 0..<n {
        let exact = (0..<k).reduce(Double(bias[0, j])) { $0 + rounded(x[r, $1]) * rounded(w[$1, j]) }
        expectClose(y[r, j], exact, "y[\(r), \(j)]")
      }
    }
  }

  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func inputGradientReadsAColumnBlockOfTheTransposeAndAccumulates() {
    var rng = SeededRNG(seed: 6)
    let (m, inputs, outputs) = (5, 23, 17)
    let dy = random(m, outputs, &rng)
    let w = random(inputs, outputs, &rng)
    let wT = BF16Matrix(w, transposed: true)
    #expect(wT.rows == outputs && wT.cols == inputs)
    let block = 4..<15
    let wide = Matrix(rows: m, cols: 20)
    for i in 0..<wide.count { wide.data[i] = 9 }
    let dx = wide.columns(3, block.count)
    let gemm = BF16Gemm()
    gemm.inputGradient(dy.view, wT, columns: block, into: dx, accumulate: false)
    gemm.inputGradient(dy.view, wT, columns: block, into: dx, accumulate: true)
    for r in 0..<m {
      for (j, input) in block.enumerated() {
        let exact = (0..<outputs).reduce(0.0) { $0 + rounded(dy[r, $1]) * rounded(w[input, $1]) }
        expectClose(dx[r, j], 2 * exact, "dx[\(r), \(j)]")
      }
      // Columns outside the block are untouched.
      #expect(wide[r, 2] == 9 && wide[r, 3 + block.count] == 9)
    }
  }

  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func weightGradientAccumulatesTheTransposedProduct() {
    var rng = SeededRNG(seed: 7)
    let (m, inputs, outputs) = (9, 13, 6)
    let x = random(m, inputs, &rng)
    let dy = random(m, outputs, &rng)
    let dw = random(inputs, outputs, &rng)
    let before = Matrix(rows: inputs, cols: outputs)
    before.data.update(from: dw.data, count: dw.count)
    BF16Gemm().weightGradient(x.view, dy.view, accumulatingInto: dw.view)
    for i in 0..<inputs {
      for j in 0..<outputs {
        let exact = (0..<m).reduce(Double(before[i, j])) { $0 + rounded(x[$1, i]) * rounded(dy[$1, j]) }
        expectClose(dw[i, j], exact, "dw[\(i), \(j)]")
      }
    }
  }

  @Test func refreshedCopiesFollowTheMasterWeights() {
    let w = Matrix(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6])
    let copies = BF16TrainingWeights([w, w])
    #expect(copies.count == 1)
    w[1, 2] = -0.5
    #expect(BFloat16.float(copies[w]!.plain.data[5]) == 6, "no refresh yet")
    copies.refresh()
    #expect(BFloat16.float(copies[w]!.plain.data[5]) == -0.5)
    // Transposed (3 x 2): element (2, 1) is w[1, 2].
    #expect(BFloat16.float(copies[w]!.transposed.data[2 * 2 + 1]) == -0.5)
    #expect(BFloat16.float(copies[w]!.transposed.data[1 * 2 + 0]) == 2)
  }
}

/// A training pass and a scoring pass are told apart on one thread: each kind has its own
/// thread-local key (a release build once gave both key 0, and training ran the scoring matmul).
@Suite struct BF16PassKeyTests {
  @Test func trainingAndInferencePassesDoNotSeeEachOther() {
    let w = Matrix(rows: 1, cols: 1, values: [1])
    let training = BF16Training(weights: BF16TrainingWeights([w]))
    let inference = BF16Inference(weights: BF16WeightSet([w]))
    training.run {
      #expect(BF16Training.current === training)
      #expect(BF16Inference.current == nil)
    }
    inference.run {
      #expect(BF16Inference.current === inference)
      #expect(BF16Training.current == nil)
    }
    #expect(BF16Training.current == nil && BF16Inference.current == nil)
  }
}
