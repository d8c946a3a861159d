/// Accumulates per-(entity, domain) counts over the train split, keyed by interned local ids,
/// then freezes them into `DomainStatistics` with quantile rate cuts.
struct DomainStatisticsBuilder {
  let domainCount: Int
  let taskCount: Int
  let folds: Int

  private(set) var userImpressions: [Int32] = []
  private(set) var userPositives: [Int32] = []
  private(set) var userFoldImpressions: [Int32] = []
  private(set) var userFoldPositives: [Int32] = []
  private(set) var itemImpressions: [Int32] = []
  private(set) var itemPositives: [Int32] = []
  private(set) var itemFoldImpressions: [Int32] = []
  private(set) var itemFoldPositives: [Int32] = []
  private(set) var domainImpressions: [Int]
  private(set) var domainPositives: [Int]

  init(domainCount: Int, taskCount: Int, folds: Int) {
    self.domainCount = domainCount
    self.taskCount = taskCount
    self.folds = folds
    domainImpressions = Array(repeating: 0, count: domainCount)
    domainPositives = Array(repeating: 0, count: domainCount * taskCount)
  }

  /// Adds one train impression. `labels` holds the statistics tasks' labels (missing counts as 0).
  @inline(__always) mutating func add(
    user: Int32, item: Int32, domain: Int, fold: Int, labels: UnsafePointer<Bool>
  ) {
    let dt = domainCount * taskCount
    let userCells = (Int(user) + 1) * domainCount
    if userImpressions.count < userCells {
      let grow = max(userCells, userImpressions.count * 2) - userImpressions.count
      userImpressions += repeatElement(0, count: grow)
      userPositives += repeatElement(0, count: grow * taskCount)
      userFoldImpressions += repeatElement(0, count: grow * folds)
      userFoldPositives += repeatElement(0, count: grow * folds * taskCount)
    }
    let itemCells = (Int(item) + 1) * domainCount
    if itemImpressions.count < itemCells {
      let grow = max(itemCells, itemImpressions.count * 2) - itemImpressions.count
      itemImpressions += repeatElement(0, count: grow)
      itemPositives += repeatElement(0, count: grow * taskCount)
      itemFoldImpressions += repeatElement(0, count: grow * folds)
      itemFoldPositives += repeatElement(0, count: grow * folds * taskCount)
    }
    _ = dt
    let uc = Int(user) * domainCount + domain
    let ic = Int(item) * domainCount + domain
    userImpressions[uc] += 1
    itemImpressions[ic] += 1
    userFoldImpressions[uc * folds + fold] += 1
    itemFoldImpressions[ic * folds + fold] += 1
    domainImpressions[domain] += 1
    for k in 0..<taskCount where labels[k] {
      userPositives[uc * taskCount + k] += 1
      itemPositives[ic * taskCount + k] += 1
      userFoldPositives[(uc * folds + fold) * taskCount + k] += 1
      itemFoldPositives[(ic * folds + fold) * taskCount + k] += 1
      domainPositives[domain * taskCount + k] += 1
    }
  }

  /// Freezes the counts. `userKeys[local]` / `itemKeys[local]` are the raw ids of the local ids.
  func build(
    tasks: [String], taskIndices: [Int], userKeys: [String], itemKeys: [String], smoothing: Float,
    countBuckets: Int, rateBuckets: Int
  ) -> DomainStatistics {
    var priors = [Float](repeating: 0, count: domainCount * taskCount)
    for d in 0..<domainCount {
      for k in 0..<taskCount {
        priors[d * taskCount + k] =
          domainImpressions[d] > 0
          ? Float(domainPositives[d * taskCount + k]) / Float(domainImpressions[d]) : 0
      }
    }
    func table(keys: [String], imp: [Int32], pos: [Int32], fImp: [Int32], fPos: [Int32])
      -> DomainStatisticsTable
    {
      let n = keys.count
      let cells = n * domainCount
      let impressions = Array(imp.prefix(cells)) + [Int32](repeating: 0, count: max(0, cells - imp.count))
      let positives =
        Array(pos.prefix(cells * taskCount))
        + [Int32](repeating: 0, count: max(0, cells * taskCount - pos.count))
      let foldImpressions =
        Array(fImp.prefix(cells * folds)) + [Int32](repeating: 0, count: max(0, cells * folds - fImp.count))
      let foldPositives =
        Array(fPos.prefix(cells * folds * taskCount))
        + [Int32](repeating: 0, count: max(0, cells * folds * taskCount - fPos.count))
      var cuts: [[Float]] = []
      for k in 0..<taskCount {
        var entries: [(value: Float, weight: Int)] = []
        for cell in 0..<cells where impressions[cell] > 0 {
          let d = cell % domainCount
          let prior = priors[d * taskCount + k]
          let rate =
            (Float(positives[cell * taskCount + k]) + smoothing * prior)
            / (Float(impressions[cell]) + smoothing)
          entries.append((rate, Int(impressions[cell])))
        }
        cuts.append(QuantileCuts.cuts(entries, buckets: rateBuckets))
      }
      return DomainStatisticsTable(
        keys: keys, domainCount: domainCount, taskCount: taskCount, impressions: impressions,
        positives: positives,
        rateCuts: cuts, foldImpressions: foldImpressions, foldPositives: foldPositives)
    }
    return DomainStatistics(
      tasks: tasks, taskIndices: taskIndices, domainCount: domainCount, smoothing: smoothing, priors: priors,
      countBuckets: countBuckets, folds: folds,
      users: table(
        keys: userKeys, imp: userImpressions, pos: userPositives, fImp: userFoldImpressions,
        fPos: userFoldPositives),
      items: table(
        keys: itemKeys, imp: itemImpressions, pos: itemPositives, fImp: itemFoldImpressions,
        fPos: itemFoldPositives))
  }
}
