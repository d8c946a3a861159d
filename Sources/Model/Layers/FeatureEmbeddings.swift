import PepnetNumerics

/// The embedding tables of all fields, and the gather/scatter between a batch's ids and the
/// concatenated general embeddings `E` (`batch x generalFields*dim`) and domain-side embeddings
/// (`batch x domainSideFields*dim`).
public final class FeatureEmbeddings {
  public let dim: Int
  public let general: [EmbeddingTable]
  public let domainSide: [EmbeddingTable]
  /// `E`: concatenated general-field embeddings of the last batch.
  public let generalOutput: Matrix
  /// Concatenated domain-side embeddings of the last batch.
  public let domainSideOutput: Matrix
  /// Per general field, its first id slot in a batch row and its slots (`FieldSpec.maxValues`,
  /// nil for a single-valued field).
  let generalSlots: [(offset: Int, multi: Int?)]
  /// Ids per batch row of `generalIds`.
  let generalIdWidth: Int

  public init(config: ModelConfig, rng: inout SeededRNG) {
    dim = config.embeddingDim
    general = config.generalFields.map {
      EmbeddingTable(
        name: "embedding.\($0.name)", vocabularySize: $0.vocabularySize, dim: config.embeddingDim, rng: &rng)
    }
    domainSide = config.domainSideFields.map {
      EmbeddingTable(
        name: "embedding.\($0.name)", vocabularySize: $0.vocabularySize, dim: config.embeddingDim, rng: &rng)
    }
    var offset = 0
    generalSlots = config.generalFields.map { spec in
      defer { offset += spec.slots }
      return (offset, spec.maxValues)
    }
    generalIdWidth = config.generalIdWidth
    generalOutput = Matrix(rows: 0, cols: general.count * dim)
    domainSideOutput = Matrix(rows: 0, cols: domainSide.count * dim)
  }

  public var tables: [EmbeddingTable] { general + domainSide }
  public var generalWidth: Int { general.count * dim }
  public var domainSideWidth: Int { domainSide.count * dim }

  public func forward(_ batch: Batch) {
    precondition(
      batch.generalIdWidth == generalIdWidth, "batch has \(batch.generalIdWidth) general ids per row")
    generalOutput.resize(rows: batch.count)
    domainSideOutput.resize(rows: batch.count)
    batch.generalIds.withUnsafeBufferPointer { ids in
      for (f, table) in general.enumerated() {
        let (offset, multi) = generalSlots[f]
        if let slots = multi {
          table.gatherMean(
            ids: ids.baseAddress!, idStride: generalIdWidth, idOffset: offset, slots: slots,
            count: batch.count,
            into: generalOutput.view, column: f * dim)
        } else {
          table.gather(
            ids: ids.baseAddress!, idStride: generalIdWidth, idOffset: offset, count: batch.count,
            into: generalOutput.view, column: f * dim)
        }
      }
    }
    if !domainSide.isEmpty {
      batch.domainSideIds.withUnsafeBufferPointer { ids in
        for (f, table) in domainSide.enumerated() {
          table.gather(
            ids: ids.baseAddress!, idStride: domainSide.count, idOffset: f, count: batch.count,
            into: domainSideOutput.view, column: f * dim)
        }
      }
    }
  }

  /// Scatters dLoss/dE (and optionally dLoss/d(domain-side)) into the tables' sparse gradients.
  public func backward(_ batch: Batch, generalGradient: MatrixView, domainSideGradient: MatrixView?) {
    batch.generalIds.withUnsafeBufferPointer { ids in
      for (f, table) in general.enumerated() {
        let (offset, multi) = generalSlots[f]
        if let slots = multi {
          table.scatterMeanGradient(
            ids: ids.baseAddress!, idStride: generalIdWidth, idOffset: offset, slots: slots,
            count: batch.count,
            from: generalGradient, column: f * dim)
        } else {
          table.scatterGradient(
            ids: ids.baseAddress!, idStride: generalIdWidth, idOffset: offset, count: batch.count,
            from: generalGradient, column: f * dim)
        }
      }
    }
    if let domainSideGradient, !domainSide.isEmpty {
      batch.domainSideIds.withUnsafeBufferPointer { ids in
        for (f, table) in domainSide.enumerated() {
          table.scatterGradient(
            ids: ids.baseAddress!, idStride: domainSide.count, idOffset: f, count: batch.count,
            from: domainSideGradient, column: f * dim)
        }
      }
    }
  }
}
