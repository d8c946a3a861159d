import PepnetNumerics

/// The baselines' input: all field embeddings side by side, `[E | E_domain]`, so that they see
/// exactly the features PEPNet sees (the domain-side ones as ordinary features).
final class ConcatenatedInput {
  let embeddings: FeatureEmbeddings
  let output: Matrix
  let gradient: Matrix

  init(config: ModelConfig, rng: inout SeededRNG) {
    embeddings = FeatureEmbeddings(config: config, rng: &rng)
    output = Matrix(rows: 0, cols: embeddings.generalWidth + embeddings.domainSideWidth)
    gradient = Matrix(rows: 0, cols: embeddings.generalWidth + embeddings.domainSideWidth)
  }

  var width: Int { output.cols }

  func forward(_ batch: Batch) {
    embeddings.forward(batch)
    output.resize(rows: batch.count)
    Kernels.copy(embeddings.generalOutput.view, into: output.columns(0, embeddings.generalWidth))
    Kernels.copy(
      embeddings.domainSideOutput.view,
      into: output.columns(embeddings.generalWidth, embeddings.domainSideWidth))
  }

  /// Call before the layers above accumulate into `gradient`.
  func prepareGradient(rows: Int) {
    gradient.resize(rows: rows)
    gradient.zero()
  }

  func backward(_ batch: Batch) {
    embeddings.backward(
      batch, generalGradient: gradient.columns(0, embeddings.generalWidth),
      domainSideGradient: gradient.columns(embeddings.generalWidth, embeddings.domainSideWidth))
  }
}
