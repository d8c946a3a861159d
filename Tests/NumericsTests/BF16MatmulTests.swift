import Testing

@testable import PepnetNumerics

/// The bf16 kernel: rounding to bfloat16, and oneDNN's matmul against a double-precision product of
/// the same rounded inputs (so only the fp32 accumulation differs), with the bias fused and a
/// strided output, and the per-shape primitive cache.
@Suite struct BF16MatmulTests {
  @Test func roundsToNearestEvenAndKeepsSpecialValues() {
    #expect(BFloat16.bits(1) == 0x3F80)
    #expect(BFloat16.bits(-2) == 0xC000)
    // 1 + 2^-8 lies halfway between 1 and 1 + 2^-7: ties go to the even mantissa (1).
    #expect(BFloat16.bits(1 + 0x1p-8) == 0x3F80)
    // 1 + 3 * 2^-8 lies halfway between 1 + 2^-7 and 1 + 2^-6: even is 1 + 2^-6.
    #expect(BFloat16.bits(1 + 3 * 0x1p-8) == 0x3F82)
    #expect(BFloat16.bits(1 + 0x1p-8 + 0x1p-20) == 0x3F81)
    #expect(BFloat16.float(BFloat16.bits(.infinity)) == .infinity)
    #expect(BFloat16.float(BFloat16.bits(-.infinity)) == -.infinity)
    #expect(BFloat16.float(BFloat16.bits(.nan)).isNaN)
    // The largest float rounds up to infinity in bf16, as IEEE rounding says.
    #expect(BFloat16.float(BFloat16.bits(.greatestFiniteMagnitude)) == .infinity)
  }

  @Test func convertsRowsAsTheScalarRoundingDoes() {
    // 2 rows of 37 (two 16-wide blocks and a tail) through a strided view, with ties, specials and
    // NaNs in the vector blocks and in the tail.
    var rng = SeededRNG(seed: 3)
    let m = Matrix(rows: 2, cols: 40)
    for i in 0..<m.count { m.data[i] = (rng.uniform() - 0.5) * 1e3 }
    let specials: [Float] = [
      1 + 0x1p-8, 1 + 3 * 0x1p-8, .nan, -.nan, .infinity, -.infinity, .greatestFiniteMagnitude, 0, -0.0,
      .leastNonzeroMagnitude, Float(bitPattern: 0x7F80_0001), Float(bitPattern: 0xFFFF_FFFF),
    ]
    for (k, v) in specials.enumerated() {
      m[0, 1 + k] = v
      m[1, 36 - k] = v
    }
    let view = m.columns(1, 37)
    var out = [UInt16](repeating: 0, count: 2 * 37)
    out.withUnsafeMutableBufferPointer { BFloat16.convert(view, into: $0.baseAddress!) }
    for r in 0..<2 {
      for c in 0..<37 {
        let expected = BFloat16.bits(view[r, c])
        #expect(out[r * 37 + c] == expected, "row \(r) column \(c): \(view[r, c])")
      }
    }
  }

  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func matchesTheProductOfTheRoundedInputs() {
    var rng = SeededRNG(seed: 7)
    let m = 37
    let k = 83
    let n = 29
    let a = Matrix(rows: m, cols: k + 5)  // read through a column slice: a strided input
    let w = Matrix(rows: k, cols: n)
    let bias = Matrix(rows: 1, cols: n)
    for x in [a, w, bias] { for i in 0..<x.count { x.data[i] = rng.uniform() * 2 - 1 } }
    let out = Matrix(rows: m, cols: n + 3)  // written through a column slice: a strided output
    out.fill(42)
    let input = a.columns(2, k)
    let target = out.columns(1, n)
    let matmul = BF16Matmul()
    let weights = BF16Matrix(w)
    matmul.multiply(input, weights, bias: bias.data, into: target)
    var worst = 0.0
    for r in 0..<m {
      for c in 0..<n {
        var exact = Double(bias[0, c])
        for i in 0..<k {
          exact +=
            Double(BFloat16.float(BFloat16.bits(input[r, i])))
            * Double(BFloat16.float(BFloat16.bits(w[i, c])))
        }
        worst = max(worst, abs(Double(target[r, c]) - exact))
      }
      #expect(out[r, 0] == 42 && out[r, n + 1] == 42 && out[r, n + 2] == 42, "columns outside the slice kept")
    }
    #expect(worst < 1e-5, "largest difference from the exact product \(worst)")
    // Against fp32 inputs the difference is bf16's rounding: visible, yet small.
    let fp32 = Matrix(rows: m, cols: n)
    for r in 0..<m { fp32.row(r).update(from: bias.data, count: n) }
    gemm(input, w.view, into: fp32.view, beta: 1)
    var rounding: Float = 0
    for r in 0..<m { for c in 0..<n { rounding = max(rounding, abs(fp32[r, c] - target[r, c])) } }
    #expect(rounding > 1e-4 && rounding < 0.1, "bf16 vs fp32 difference \(rounding)")

    #expect(matmul.primitiveCount == 1)
    matmul.multiply(input, weights, bias: bias.data, into: target)
    #expect(matmul.primitiveCount == 1, "the same shape reuses its primitive")
    matmul.multiply(input.rows(0, 5), weights, bias: nil, into: target.rows(0, 5))
    #expect(matmul.primitiveCount == 2, "a new shape gets its own")
    var exact = 0.0
    for i in 0..<k {
      exact +=
        Double(BFloat16.float(BFloat16.bits(input[4, i]))) * Double(BFloat16.float(BFloat16.bits(w[i, 3])))
    }
    #expect(abs(Double(target[4, 3]) - exact) < 1e-5, "no bias when none is given")
  }
}

/// The fused epilogues and the weight reorder: ReLU and `gamma * sigmoid` on the matmul's output
/// equal the activation applied to the unfused product, and the same weights give the same product
/// again from their cached, reordered copy.
@Suite struct BF16EpilogueTests {
  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func fusedActivationsEqualTheUnfusedOnes() {
    var rng = SeededRNG(seed: 11)
    let (m, k, n) = (64, 96, 48)
    let a = Matrix(rows: m, cols: k)
    let w = Matrix(rows: k, cols: n)
    let bias = Matrix(rows: 1, cols: n)
    for x in [a, w, bias] { for i in 0..<x.count { x.data[i] = rng.uniform() * 2 - 1 } }
    let weights = BF16Matrix(w)
    let matmul = BF16Matmul()
    let plain = Matrix(rows: m, cols: n)
    matmul.multiply(a.view, weights, bias: bias.data, into: plain.view)
    let again = Matrix(rows: m, cols: n)
    matmul.multiply(a.view, weights, bias: bias.data, into: again.view)
    #expect(again.toArray() == plain.toArray(), "the cached weights give the same product")
    #expect(plain.toArray().contains { $0 < 0 } && plain.toArray().contains { $0 > 0 })
    let relu = Matrix(rows: m, cols: n)
    matmul.multiply(a.view, weights, bias: bias.data, into: relu.view, epilogue: .relu)
    let gate = Matrix(rows: m, cols: n)
    matmul.multiply(a.view, weights, bias: bias.data, into: gate.view, epilogue: .scaledSigmoid(2))
    var worstRelu: Float = 0
    var worstGate: Float = 0
    for i in 0..<plain.count {
      let x = plain.data[i]
      worstRelu = max(worstRelu, abs(relu.data[i] - max(x, 0)))
      worstGate = max(worstGate, abs(gate.data[i] - 2 / (1 + fastExp(-x))))
    }
    #expect(worstRelu == 0, "ReLU fused: \(worstRelu)")
    #expect(worstGate < 1e-5, "2 * sigmoid fused: \(worstGate)")
    #expect(matmul.primitiveCount == 3)
  }

  /// Scoring ever new row counts (the explorer ranks any number of items) must not grow the caches
  /// without bound, and row counts that share a weight layout share one reordered copy.
  @Test(.enabled(if: OneDNN.hasNativeBF16, "needs AVX512-BF16 or AMX"))
  func cachesStayBoundedOverManyRowCounts() {
    var rng = SeededRNG(seed: 12)
    let a = Matrix(rows: 300, cols: 32)
    let w = Matrix(rows: 32, cols: 64)
    for x in [a, w] { for i in 0..<x.count { x.data[i] = rng.uniform() * 2 - 1 } }
    let weights = BF16Matrix(w)
    let matmul = BF16Matmul()
    let out = Matrix(rows: 300, cols: 64)
    matmul.multiply(a.view.rows(0, 200), weights, bias: nil, into: out.view.rows(0, 200))
    let reference = Array(out.buffer.prefix(200 * 64))
    matmul.multiply(a.view.rows(0, 201), weights, bias: nil, into: out.view.rows(0, 201))
    #expect(matmul.primitiveCount == 2)
    #expect(matmul.reorderedWeightCount == 1, "one reordered copy for both row counts")
    for m in 1...300 {
      matmul.multiply(a.view.rows(0, m), weights, bias: nil, into: out.view.rows(0, m))
      #expect(matmul.primitiveCount <= BF16Matmul.maximumPrimitives)
    }
    #expect(matmul.reorderedWeightCount <= BF16Matmul.maximumPrimitives)
    matmul.multiply(a.view.rows(0, 200), weights, bias: nil, into: out.view.rows(0, 200))
    #expect(Array(out.buffer.prefix(200 * 64)) == reference, "same product after the caches were emptied")
  }
}
