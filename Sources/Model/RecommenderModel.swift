import PepnetNumerics

/// The interface every model (PEPNet, its ablations, the baselines) offers to training,
/// evaluation, serialisation and serving.
public protocol RecommenderModel: AnyObject {
  var config: ModelConfig { get }
  /// Dense parameters, named uniquely (the names are the tensor names in the weights file).
  var parameters: [Parameter] { get }
  /// Embedding tables, named uniquely.
  var embeddingTables: [EmbeddingTable] { get }
  /// Logits for the batch, `batch.count x taskCount`. The returned matrix is owned by the model and
  /// overwritten by the next call.
  func forward(_ batch: Batch) -> Matrix
  /// Accumulates parameter gradients for the last `forward`, given dLoss/dLogits.
  func backward(_ batch: Batch, logitGradient: Matrix)
}

extension RecommenderModel {
  /// Every named tensor of the model: embedding tables and dense parameters.
  public var namedTensors: [(name: String, value: Matrix)] {
    embeddingTables.map { ($0.name, $0.weights) } + parameters.map { ($0.name, $0.value) }
  }

  public var parameterCount: Int {
    parameters.reduce(0) { $0 + $1.value.count } + embeddingTables.reduce(0) { $0 + $1.weights.count }
  }

  /// Makes this model (a replica with the same configuration) use `primary`'s weights.
  public func shareWeights(of primary: RecommenderModel) {
    let dense = Dictionary(uniqueKeysWithValues: primary.parameters.map { ($0.name, $0) })
    for p in parameters { p.shareValue(of: dense[p.name]!) }
    let tables = Dictionary(uniqueKeysWithValues: primary.embeddingTables.map { ($0.name, $0) })
    for t in embeddingTables { t.shareWeights(of: tables[t.name]!) }
  }
}
