import PepnetModel

/// One split of a dataset, encoded through a `FeaturePipeline` into columnar arrays ready for
/// batching. Rows keep file order.
///
/// - `generalIds`: `count x generalIdWidth` (see `Batch`), `domainSideIds`:
///   `count x domainSideFieldCount`;
/// - `labels` and `labelMask`: `count x taskCount` (an empty label cell is missing: mask 0);
/// - `domains`: 0-based domain index; `users`: a per-raw-user group key for GAUC (the user's row
///   in the catalog, or `catalog count + k` for users absent from it), distinct even for users
///   that share the OOV embedding;
/// - `oracle`: `count x taskCount` true probabilities when the file has every oracle column.
public final class EncodedDataset {
  public let file: String
  public let generalFieldCount: Int
  /// Ids per row of `generalIds` (`generalFieldCount` unless a field is multi-valued).
  public let generalIdWidth: Int
  public let domainSideFieldCount: Int
  public let taskCount: Int
  public private(set) var count = 0
  public private(set) var generalIds: [Int32] = []
  public private(set) var domainSideIds: [Int32] = []
  public private(set) var labels: [Float] = []
  public private(set) var labelMask: [Float] = []
  public private(set) var domains: [Int32] = []
  public private(set) var users: [Int32] = []
  public private(set) var oracle: [Float]?
  /// Bytes read from the file.
  public private(set) var bytes = 0

  /// Loads a split of `dataset`. Train rows get out-of-fold rate features (see `DomainStatistics`)
  /// when the pipeline was just built from that same file.
  public convenience init(dataset: Dataset, split: Dataset.Split, pipeline: FeaturePipeline) throws {
    try self.init(path: dataset.path(of: split), pipeline: pipeline, outOfFold: split == .train)
  }

  /// Loads an impression file. With `outOfFold`, row r's rate features leave out fold r % folds.
  public init(path: String, pipeline: FeaturePipeline, outOfFold: Bool = false) throws {
    file = path
    generalFieldCount = pipeline.generalFieldCount
    generalIdWidth = pipeline.generalIdWidth
    domainSideFieldCount = pipeline.domainSideFieldCount
    taskCount = pipeline.taskCount
    try load(pipeline: pipeline, outOfFold: outOfFold)
  }

  /// Reads the file through `StreamingSplitEncoder` (the one row encoding, shared with `pepnet
  /// encode`), appending each chunk to the columns.
  private func load(pipeline: FeaturePipeline, outOfFold: Bool) throws {
    var oracleValues: [Float] = []
    let result = try StreamingSplitEncoder(pipeline: pipeline, chunkRows: 65_536).encode(
      path: file, outOfFold: outOfFold
    ) { chunk in
      generalIds += chunk.generalIds
      domainSideIds += chunk.domainSideIds
      labels += chunk.labels
      labelMask += chunk.labelMask
      domains += chunk.domains
      users += chunk.users
      if let o = chunk.oracle { oracleValues += o }
    }
    count = result.rows
    bytes = result.bytes
    if result.hasOracle { oracle = oracleValues }
  }

  /// A batch shaped for this dataset.
  public func makeBatch(capacity: Int) -> Batch {
    Batch(
      capacity: capacity, generalFieldCount: generalFieldCount, domainSideFieldCount: domainSideFieldCount,
      taskCount: taskCount, generalIdWidth: generalIdWidth)
  }

  /// Copies `rows` (indices into this dataset) into `batch`, resizing it to `rows.count`.
  /// Allocates nothing once the batch has grown to the largest size used.
  public func fill(_ batch: Batch, rows: some Collection<Int>) {
    precondition(
      batch.generalIdWidth == generalIdWidth && batch.domainSideFieldCount == domainSideFieldCount)
    precondition(batch.taskCount == taskCount)
    batch.resize(count: rows.count)
    let g = generalIdWidth, s = domainSideFieldCount, t = taskCount
    let labelsOut = batch.labels.data, maskOut = batch.labelMask.data
    generalIds.withUnsafeBufferPointer { gi in
      domainSideIds.withUnsafeBufferPointer { si in
        labels.withUnsafeBufferPointer { li in
          labelMask.withUnsafeBufferPointer { mi in
            batch.generalIds.withUnsafeMutableBufferPointer { go in
              batch.domainSideIds.withUnsafeMutableBufferPointer { so in
                batch.domains.withUnsafeMutableBufferPointer { dOut in
                  batch.users.withUnsafeMutableBufferPointer { uOut in
                    var r = 0
                    for source in rows {
                      (go.baseAddress! + r * g).update(from: gi.baseAddress! + source * g, count: g)
                      (so.baseAddress! + r * s).update(from: si.baseAddress! + source * s, count: s)
                      (labelsOut + r * t).update(from: li.baseAddress! + source * t, count: t)
                      (maskOut + r * t).update(from: mi.baseAddress! + source * t, count: t)
                      dOut[r] = domains[source]
                      uOut[r] = users[source]
                      r += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Oracle probability of `task` for `row`, if the file had oracle columns.
  public func oracleProbability(row: Int, task: Int) -> Float? { oracle?[row * taskCount + task] }
}
