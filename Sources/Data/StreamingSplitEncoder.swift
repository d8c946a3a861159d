import PepnetModel

/// Encodes an impression file through a `FeaturePipeline` one row at a time, handing rows to a
/// sink in chunks of at most `chunkRows`: what `pepnet encode` streams into bounded shards. Memory
/// is the chunk plus one resolved entry per distinct user, item, domain and context value.
///
/// `EncodedDataset` loads a split through it, so a row is encoded one way only (ids, out-of-fold
/// rates on the train split, GAUC user keys, errors).
public struct StreamingSplitEncoder {
  /// One chunk of encoded rows, columnar like `EncodedDataset`.
  public struct Chunk {
    public var count = 0
    public var generalIds: [Int32] = []
    public var domainSideIds: [Int32] = []
    public var labels: [Float] = []
    public var labelMask: [Float] = []
    public var domains: [Int32] = []
    public var users: [Int32] = []
    /// Nil when the file lacks an oracle column of some task.
    public var oracle: [Float]?

    mutating func removeAll() {
      count = 0
      generalIds.removeAll(keepingCapacity: true)
      domainSideIds.removeAll(keepingCapacity: true)
      labels.removeAll(keepingCapacity: true)
      labelMask.removeAll(keepingCapacity: true)
      domains.removeAll(keepingCapacity: true)
      users.removeAll(keepingCapacity: true)
      if oracle != nil { oracle!.removeAll(keepingCapacity: true) }
    }
  }

  public let pipeline: FeaturePipeline
  public let chunkRows: Int

  public init(pipeline: FeaturePipeline, chunkRows: Int) {
    precondition(chunkRows > 0, "chunks hold at least one row")
    self.pipeline = pipeline
    self.chunkRows = chunkRows
  }

  /// Encodes the file at `path` (with out-of-fold rates when `outOfFold`), calling `sink` with
  /// each full chunk and the last partial one; returns the number of rows, whether the file had
  /// oracle columns and the bytes read. A bad row throws before any later row is read.
  @discardableResult
  public func encode(path: String, outOfFold: Bool, sink: (Chunk) throws -> Void) throws -> (
    rows: Int, hasOracle: Bool, bytes: Int
  ) {
    let schema = pipeline.schema
    let reader = try CSVReader(path: path)
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

    let g = pipeline.generalIdWidth, s = pipeline.domainSideFieldCount
    var chunk = Chunk()
    if oracleCols != nil { chunk.oracle = [] }
    var generalRow = [Int32](repeating: 0, count: g)
    // Each context field's id slots (`maxValues` for a multi-valued one) and where they start.
    let contextSlots = pipeline.context.map(\.slots)
    let contextStarts = contextSlots.indices.map { contextSlots[..<$0].reduce(0, +) }
    var contextRow = [Int32](repeating: 0, count: pipeline.contextWidth)
    var sideRow = [Int32](repeating: 0, count: s)
    var row = 0

    while try reader.next() {
      let u = Int(userInterner.intern(reader.field(userCol)))
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

      for (c, col) in contextCols.enumerated() {
        let v = Int(contextInterners[c].intern(reader.field(col)))
        let slots = contextSlots[c]
        if v * slots == contextOfLocal[c].count {
          try reader.checkUTF8(col)
          let vocabulary = pipeline.context[c]
          let cell = contextInterners[c].string(Int32(v))
          try vocabulary.multi?.check(
            cell, missing: vocabulary.missing, reader: reader, field: col, column: vocabulary.name)
          contextOfLocal[c] += vocabulary.ids(of: cell)
        }
        for k in 0..<slots { contextRow[contextStarts[c] + k] = contextOfLocal[c][v * slots + k] }
      }
      userGeneral.withUnsafeBufferPointer { users in
        itemGeneral.withUnsafeBufferPointer { items in
          contextRow.withUnsafeBufferPointer { context in
            generalRow.withUnsafeMutableBufferPointer { out in
              pipeline.arrangeGeneral(
                user: UnsafeBufferPointer(rebasing: users[u * uw..<(u + 1) * uw]),
                item: UnsafeBufferPointer(rebasing: items[i * iw..<(i + 1) * iw]), context: context, into: out
              )
            }
          }
        }
      }
      sideRow.withUnsafeMutableBufferPointer {
        pipeline.writeDomainSide(
          domain: domain, userStatsRow: userStats[u], itemStatsRow: itemStats[i],
          fold: useFolds ? row % folds : nil, into: $0.baseAddress!)
      }
      for (k, col) in taskCols.enumerated() {
        guard let y = FieldParsing.label(reader.field(col)) else {
          throw reader.error(.invalidLabel(column: schema.tasks[k], value: reader.string(col)), field: col)
        }
        chunk.labels.append(y == 1 ? 1 : 0)
        chunk.labelMask.append(y < 0 ? 0 : 1)
      }
      if let oracleCols {
        for (k, col) in oracleCols.enumerated() {
          let column = schema.impressions.oracle![schema.tasks[k]]!
          guard let p = FieldParsing.float(reader.field(col)) else {
            throw reader.error(.invalidNumber(column: column, value: reader.string(col)), field: col)
          }
          guard p >= 0 && p <= 1 else {
            throw reader.error(.invalidProbability(column: column, value: reader.string(col)), field: col)
          }
          chunk.oracle!.append(p)
        }
      }
      chunk.generalIds += generalRow
      chunk.domainSideIds += sideRow
      chunk.domains.append(Int32(domain))
      chunk.users.append(userGroup[u])
      chunk.count += 1
      row += 1
      if chunk.count == chunkRows {
        try sink(chunk)
        chunk.removeAll()
      }
    }
    if chunk.count > 0 { try sink(chunk) }
    return (row, oracleCols != nil, reader.bytesRead)
  }
}
