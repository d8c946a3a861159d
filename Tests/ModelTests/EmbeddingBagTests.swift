import PepnetNumerics
import Testing

@testable import PepnetModel

/// Issue 18 item 4: a multi-valued field's embedding is the mean of its values' rows (DeepCTR's
/// mean combiner, TorchRec's `EmbeddingBag(mode: mean)`), each value's row gets grad / n, and
/// EPNet gates the pooled field like any other (one gate slot per field).
@Suite struct EmbeddingBagTests {
  /// Three rows of up to 3 values, padded with -1: one with a repeated value, one with a single
  /// value, one with three.
  static let ids: [Int32] = [1, 4, 1, 2, -1, -1, 0, 3, 5]

  @Test func poolingIsTheMeanOfTheValuesRows() {
    var rng = SeededRNG(seed: 5)
    let table = EmbeddingTable(name: "e", vocabularySize: 6, dim: 2, rng: &rng)
    let out = Matrix(rows: 3, cols: 4)
    Self.ids.withUnsafeBufferPointer { p in
      table.gatherMean(
        ids: p.baseAddress!, idStride: 3, idOffset: 0, slots: 3, count: 3, into: out.view, column: 1)
    }
    let w = table.weights
    for j in 0..<2 {
      #expect(abs(out[0, 1 + j] - (2 * w[1, j] + w[4, j]) / 3) < 1e-6)
      #expect(out[1, 1 + j] == w[2, j])
      #expect(abs(out[2, 1 + j] - (w[0, j] + w[3, j] + w[5, j]) / 3) < 1e-6)
    }
    // Columns outside the field's block are not written.
    #expect(out[0, 0] == 0 && out[0, 3] == 0)
  }

  @Test func pooledGradientMatchesFiniteDifferences() {
    var rng = SeededRNG(seed: 6)
    let table = EmbeddingTable(name: "e", vocabularySize: 6, dim: 2, rng: &rng)
    let out = Matrix(rows: 3, cols: 2)
    let readout = Readout(rows: 3, cols: 2, rng: &rng)
    Self.ids.withUnsafeBufferPointer { p in
      table.scatterMeanGradient(
        ids: p.baseAddress!, idStride: 3, idOffset: 0, slots: 3, count: 3, from: readout.coefficients.view,
        column: 0)
    }
    #expect(Set(table.touchedRows) == [0, 1, 2, 3, 4, 5])
    // Row 4 appears once among three values: a third of row 0's output gradient.
    #expect(abs(table.gradient(row: 4)[0] - readout.coefficients[0, 0] / 3) < 1e-6)
    var analytic: [Float] = []
    for row in 0..<6 { analytic += table.gradient(row: row) }
    let bad = checkEntries(
      name: "e", values: table.weights.data, count: table.weights.count, analytic: analytic
    ) {
      Self.ids.withUnsafeBufferPointer { p in
        table.gatherMean(
          ids: p.baseAddress!, idStride: 3, idOffset: 0, slots: 3, count: 3, into: out.view, column: 0)
      }
      return readout.value(out.view)
    }
    #expect(bad.isEmpty, "\(bad)")
  }

  /// `smallConfig` with a multi-valued general field of up to 3 values between the others.
  static func multiConfig(_ granularity: EPNetGranularity = .elementwise) -> ModelConfig {
    var config = smallConfig(granularity: granularity)
    config.fields.insert(FieldSpec(name: "genres", vocabularySize: 5, role: .general, maxValues: 3), at: 2)
    return config
  }

  @Test(arguments: [EPNetGranularity.elementwise, .fieldwise])
  func wholeModelWithAMultiValuedFieldMatchesFiniteDifferences(granularity: EPNetGranularity) {
    let config = Self.multiConfig(granularity)
    #expect(config.generalIdWidth == 7 && config.generalFields.count == 5)
    let model = PEPNet(config: config, seed: 11)
    var rng = SeededRNG(seed: 12)
    let batch = randomBatch(config: config, count: 7, rng: &rng)
    // Rows with one, two and three values.
    let counts = (0..<7).map { r in (0..<3).filter { batch.generalIds[r * 7 + 2 + $0] >= 0 }.count }
    #expect(Set(counts) == [1, 2, 3], "\(counts)")
    _ = model.forward(batch)
    model.freezeStopGradientInputs(true)
    let bad = checkWholeModel(model, batch: batch, taskWeights: [1, 0.7])
    #expect(bad.isEmpty, "\(bad.count) mismatches, first \(bad.prefix(4))")
    // One EPNet gate per field with field-wise gating: the pooled field has one gate slot.
    let gates = model.epnet!.gateValues
    #expect(gates.cols == (granularity == .fieldwise ? 5 : 5 * config.embeddingDim))
  }

  /// Data-parallel shards copy all of a row's slots.
  @Test func copyRowsCopiesEverySlot() {
    let config = Self.multiConfig()
    var rng = SeededRNG(seed: 3)
    let batch = randomBatch(config: config, count: 5, rng: &rng)
    let shard = Batch(config: config, capacity: 0)
    shard.copyRows(of: batch, range: 2..<5)
    #expect(shard.generalIds.prefix(21) == batch.generalIds[14..<35])
  }

  /// A multi-valued prior field, or a cap outside 1...1024, cannot be built.
  @Test func sizeProblemRefusesBadMultiValuedFields() {
    var config = Self.multiConfig()
    config.fields[2].maxValues = 0
    #expect(config.sizeProblem?.contains("maxValues is 0") == true)
    config.fields[2].maxValues = 2
    #expect(config.sizeProblem == nil)
    config.fields[0].maxValues = 2
    #expect(config.sizeProblem?.contains("only a general field that is not a prior") == true)
  }
}
