import PepnetModel

/// One split of a dataset, encoded through a `FeaturePipeline` into columnar arrays ready for
/// batching. Rows keep file order.
///
/// - `generalIds`: `count x generalFieldCount`, `domainSideIds`: `count x domainSideFieldCount`;
/// - `labels` and `labelMask`: `count x taskCount` (an empty label cell is missing: mask 0);
/// - `domains`: 0-based domain index; `users`: a per-raw-user group key for GAUC (the user's row
///   in the catalog, or `catalog count + k` for users absent from it), distinct even for users
///   that share the OOV embedding;
/// - `oracle`: `count x taskCount` true probabilities when the file has every oracle column.
public final class EncodedDataset {
  public let file: String
  public let generalFieldCount: Int
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
    domainSideFieldCount = pipeline.domainSideFieldCount
    taskCount = pipeline.taskCount
    try load(pipeline: pipeline, outOfFold: outOfFold)
  }

  private func load(pipeline: FeaturePipeline, outOfFold: Bool) throws {
    let schema = pipeline.schema
    let reader = try CSVReader(path: file)
    let userCol = try reader.columnIndex(schema.impressions.userId)
    let itemCol = try reader.columnIndex(schema.impressions.itemId)
    let domainCol = try reader.columnIndex(schema.impressions.domain)
    let contextCols = try schema.impressions.context.map { try reader.columnIndex($0) }
    let taskCols = try schema.tasks.map { try reader.columnIndex($0) }
    var oracleCols: [Int]? = nil
    if let names = schema.impressions.oracle {
      let cols = schema.tasks.map { task in names[task].flatMap { reader.optionalColumnIndex($0) } }
      if cols.allSatisfy({ $0 != nil }) { oracleCols = cols.map { $0! } }
    }
    let useFolds = outOfFold && pipeline.statistics.users.foldImpressions != nil
    let folds = pipeline.statistics.folds

    // Per distinct raw value, resolved once.
    let uw = pipeline.userWidth, iw = pipeline.itemWidth
    var userInterner = ByteInterner(capacity: 4096)
    var itemInterner = ByteInterner(capacity: 4096)
    var domainInterner = ByteInterner(capacity: 8)
    var contextInterners = contextCols.map { _ in ByteInterner(capacity: 64) }
    var userGeneral: [Int32] = [], userStats: [Int32] = [], userGroup: [Int32] = []
    var itemGeneral: [Int32] = [], itemStats: [Int32] = []
    var domainOfLocal: [Int] = []
    var contextOfLocal: [[Int32]] = contextCols.map { _ in [] }
    var extraUsers: Int32 = 0

    let estimate = 1024
    let g = generalFieldCount, s = domainSideFieldCount, t = taskCount
    generalIds.reserveCapacity(estimate * g)
    domainSideIds.reserveCapacity(estimate * s)
    var oracleValues: [Float] = []
    var generalRow = [Int32](repeating: 0, count: g)
    var sideRow = [Int32](repeating: 0, count: s)
    var row = 0

    while try reader.next() {
      let u = Int(userInterner.intern(reader.field(userCol)))
      // Each distinct value is checked once: invalid UTF-8 is reported where it is.
      if u == userStats.count {
        try reader.checkUTF8(userCol)
        let r = pipeline.resolveUser(userInterner.string(Int32(u)))
        userGeneral += r.general
        userStats.append(r.statsRow)
        if let c = r.catalogIndex {
          userGroup.append(Int32(c))
        } else {
          userGroup.append(Int32(pipeline.users.count) + extraUsers)
          extraUsers += 1
        }
      }
      let i = Int(itemInterner.intern(reader.field(itemCol)))
      if i == itemStats.count {
        try reader.checkUTF8(itemCol)
        let r = pipeline.resolveItem(itemInterner.string(Int32(i)))
        itemGeneral += r.general
        itemStats.append(r.statsRow)
      }
      let dl = Int(domainInterner.intern(reader.field(domainCol)))
      if dl == domainOfLocal.count {
        try reader.checkUTF8(domainCol)
        let name = domainInterner.string(Int32(dl))
        guard let d = pipeline.domainIndex(of: name) else {
          throw reader.error(.unknownDomain(name), field: domainCol)
        }
        domainOfLocal.append(d)
      }
      let domain = domainOfLocal[dl]

      // General ids: user id, item id, author id, user features, item features, context.
      generalRow[0] = userGeneral[u * uw]
      generalRow[1] = itemGeneral[i * iw]
      generalRow[2] = itemGeneral[i * iw + 1]
      var k = 3
      for f in 1..<uw {
        generalRow[k] = userGeneral[u * uw + f]
        k += 1
      }
      for f in 2..<iw {
        generalRow[k] = itemGeneral[i * iw + f]
        k += 1
      }
      for (c, col) in contextCols.enumerated() {
        let v = Int(contextInterners[c].intern(reader.field(col)))
        if v == contextOfLocal[c].count {
          try reader.checkUTF8(col)
          contextOfLocal[c].append(pipeline.context[c].index(of: contextInterners[c].string(Int32(v))))
        }
        generalRow[k] = contextOfLocal[c][v]
        k += 1
      }
      generalIds += generalRow
      sideRow.withUnsafeMutableBufferPointer {
        pipeline.writeDomainSide(
          domain: domain, userStatsRow: userStats[u], itemStatsRow: itemStats[i],
          fold: useFolds ? row % folds : nil,
          into: $0.baseAddress!)
      }
      domainSideIds += sideRow

      for (k, col) in taskCols.enumerated() {
        guard let y = FieldParsing.label(reader.field(col)) else {
          throw reader.error(.invalidLabel(column: schema.tasks[k], value: reader.string(col)), field: col)
        }
        labels.append(y == 1 ? 1 : 0)
        labelMask.append(y < 0 ? 0 : 1)
      }
      if let oracleCols {
        for (k, col) in oracleCols.enumerated() {
          let column = schema.impressions.oracle![schema.tasks[k]]!
          guard let p = FieldParsing.float(reader.field(col)) else {
            throw reader.error(.invalidNumber(column: column, value: reader.string(col)), field: col)
          }
          // NaN, infinities and values outside [0, 1] would silently poison the oracle AUC.
          guard p >= 0 && p <= 1 else {
            throw reader.error(.invalidProbability(column: column, value: reader.string(col)), field: col)
          }
          oracleValues.append(p)
        }
      }
      domains.append(Int32(domain))
      users.append(userGroup[u])
      row += 1
    }
    count = row
    bytes = reader.bytesRead
    if oracleCols != nil { oracle = oracleValues }
    _ = t
  }

  /// A batch shaped for this dataset.
  public func makeBatch(capacity: Int) -> Batch {
    Batch(
      capacity: capacity, generalFieldCount: generalFieldCount, domainSideFieldCount: domainSideFieldCount,
      taskCount: taskCount)
  }

  /// Copies `rows` (indices into this dataset) into `batch`, resizing it to `rows.count`.
  /// Allocates nothing once the batch has grown to the largest size used.
  public func fill(_ batch: Batch, rows: some Collection<Int>) {
    precondition(
      batch.generalFieldCount == generalFieldCount && batch.domainSideFieldCount == domainSideFieldCount)
    precondition(batch.taskCount == taskCount)
    batch.resize(count: rows.count)
    let g = generalFieldCount, s = domainSideFieldCount, t = taskCount
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
