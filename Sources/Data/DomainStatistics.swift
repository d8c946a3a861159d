import PepnetModel

/// Per-domain counts of one kind of entity (users or items), from the train split: for every
/// (entity, domain) the number of impressions and of positives of each statistics task.
///
/// Rates are bucketised by quantile cuts computed over the train entries (weighted by
/// impressions), so that sparse tasks still spread over all buckets.
public struct DomainStatisticsTable: Codable, Equatable, Sendable {
  /// Raw ids (user or item), row order of the counts.
  public let keys: [String]
  public let domainCount: Int
  public let taskCount: Int
  /// `keys.count x domainCount`.
  public let impressions: [Int32]
  /// `keys.count x domainCount x taskCount`.
  public let positives: [Int32]
  /// Per statistics task, increasing cuts of the smoothed rate: bucket = 1 + number of cuts <= rate.
  public let rateCuts: [[Float]]
  /// Per-fold counts for out-of-fold encoding of the train split (not stored in bundles):
  /// `keys.count x domainCount x folds` and `... x taskCount`.
  var foldImpressions: [Int32]? = nil
  var foldPositives: [Int32]? = nil
  private var lookup: [String: Int32]

  init(
    keys: [String], domainCount: Int, taskCount: Int, impressions: [Int32], positives: [Int32],
    rateCuts: [[Float]], foldImpressions: [Int32]?, foldPositives: [Int32]?
  ) {
    self.keys = keys
    self.domainCount = domainCount
    self.taskCount = taskCount
    self.impressions = impressions
    self.positives = positives
    self.rateCuts = rateCuts
    self.foldImpressions = foldImpressions
    self.foldPositives = foldPositives
    lookup = DomainStatisticsTable.makeLookup(keys)
  }

  private static func makeLookup(_ keys: [String]) -> [String: Int32] {
    var d: [String: Int32] = [:]
    d.reserveCapacity(keys.count)
    for (i, k) in keys.enumerated() { d[k] = Int32(i) }
    return d
  }

  /// Row of a raw id, -1 when it has no train impressions.
  public func row(of key: String) -> Int32 { lookup[key] ?? -1 }

  /// Impressions of row `row` in `domain` (0 for row -1).
  public func impressions(row: Int32, domain: Int) -> Int32 {
    row < 0 ? 0 : impressions[Int(row) * domainCount + domain]
  }

  /// Positives of a statistics task for row `row` in `domain`.
  public func positives(row: Int32, domain: Int, task: Int) -> Int32 {
    row < 0 ? 0 : positives[(Int(row) * domainCount + domain) * taskCount + task]
  }

  enum CodingKeys: String, CodingKey {
    case keys, domainCount = "domain_count", taskCount = "task_count", impressions, positives
    case rateCuts = "rate_cuts"
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    keys = try c.decode([String].self, forKey: .keys)
    domainCount = try c.decode(Int.self, forKey: .domainCount)
    taskCount = try c.decode(Int.self, forKey: .taskCount)
    impressions = try c.decode([Int32].self, forKey: .impressions)
    positives = try c.decode([Int32].self, forKey: .positives)
    rateCuts = try c.decode([[Float]].self, forKey: .rateCuts)
    // Overflow-checked: a corrupt file may hold any counts.
    let (cells, cellsOverflow) = keys.count.multipliedReportingOverflow(by: domainCount)
    let (counts, countsOverflow) = cells.multipliedReportingOverflow(by: taskCount)
    guard domainCount >= 0, taskCount >= 0, !cellsOverflow, !countsOverflow, impressions.count == cells,
      positives.count == counts, rateCuts.count == taskCount
    else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath, debugDescription: "statistics table sizes do not match its keys"))
    }
    lookup = DomainStatisticsTable.makeLookup(keys)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(keys, forKey: .keys)
    try c.encode(domainCount, forKey: .domainCount)
    try c.encode(taskCount, forKey: .taskCount)
    try c.encode(impressions, forKey: .impressions)
    try c.encode(positives, forKey: .positives)
    try c.encode(rateCuts, forKey: .rateCuts)
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.keys == b.keys && a.domainCount == b.domainCount && a.taskCount == b.taskCount
      && a.impressions == b.impressions && a.positives == b.positives && a.rateCuts == b.rateCuts
  }
}

/// The domain-side statistics features: for the user and for the item of a sample, in the
/// sample's domain, a bucketised impression count and a bucketised smoothed positive rate of each
/// statistics task. Computed from the train split only.
///
/// Ids: 0 means "no train impressions in this domain"; counts use log2 buckets
/// (1 impression -> 1, 2-3 -> 2, 4-7 -> 3, ... capped at `countBuckets`); rates are smoothed
/// toward the domain's mean rate, `(positives + m * prior) / (impressions + m)`, then cut at
/// train quantiles weighted by impressions (`QuantileCuts`, which loses no bucket to ties).
public struct DomainStatistics: Codable, Equatable, Sendable {
  /// Names of the statistics tasks (a subset of the schema's tasks).
  public let tasks: [String]
  /// Their indices among the schema's tasks.
  public let taskIndices: [Int]
  public let domainCount: Int
  /// Smoothing strength m (pseudo-impressions at the prior rate).
  public let smoothing: Float
  /// `domainCount x tasks.count`: the train positive rate per domain.
  public let priors: [Float]
  public let countBuckets: Int
  /// Number of folds for out-of-fold rates on the train split.
  public let folds: Int
  public var users: DomainStatisticsTable
  public var items: DomainStatisticsTable

  /// Domain-side ids per entity: impressions bucket, then one rate bucket per statistics task.
  public var idsPerEntity: Int { 1 + tasks.count }

  /// Log2 bucket of an impression count; 0 for none.
  @inline(__always) public func countBucket(_ n: Int32) -> Int32 {
    if n <= 0 { return 0 }
    let b = Int32(32 - n.leadingZeroBitCount)
    return min(b, Int32(countBuckets))
  }

  /// The smoothed rate for `positives` out of `n` in `domain`.
  @inline(__always) public func smoothedRate(positives: Int32, impressions n: Int32, domain: Int, task: Int)
    -> Float
  {
    let prior = priors[domain * tasks.count + task]
    return (Float(positives) + smoothing * prior) / (Float(n) + smoothing)
  }

  /// Writes `idsPerEntity` ids for a table row in a domain. With `fold` set (train rows), rates
  /// leave out that fold's own counts so a sample's label never feeds its own feature.
  @inline(__always) func write(
    table: DomainStatisticsTable, row: Int32, domain: Int, fold: Int?, into out: UnsafeMutablePointer<Int32>
  ) {
    let t = tasks.count
    if row < 0 {
      for k in 0...t { out[k] = 0 }
      return
    }
    let cell = Int(row) * domainCount + domain
    let n = table.impressions[cell]
    out[0] = countBucket(n)
    if n == 0 {
      for k in 1...t { out[k] = 0 }
      return
    }
    var rateN = n
    var foldCell = -1
    if let fold, let fi = table.foldImpressions, table.foldPositives != nil {
      foldCell = cell * folds + fold
      rateN = n - fi[foldCell]
    }
    for k in 0..<t {
      var pos = table.positives[cell * t + k]
      if foldCell >= 0 { pos -= table.foldPositives![foldCell * t + k] }
      let rate = smoothedRate(positives: pos, impressions: rateN, domain: domain, task: k)
      out[1 + k] = QuantileCuts.bucket(of: rate, cuts: table.rateCuts[k])
    }
  }

  /// Field names and vocabulary sizes of one entity's statistics fields ("user" or "item").
  func fieldSpecs(entity: String, table: DomainStatisticsTable) -> [FieldSpec] {
    var specs = [
      FieldSpec(name: "\(entity)_domain_impressions", vocabularySize: countBuckets + 1, role: .domainSide)
    ]
    for (k, task) in tasks.enumerated() {
      specs.append(
        FieldSpec(
          name: "\(entity)_domain_\(task)_rate", vocabularySize: table.rateCuts[k].count + 2,
          role: .domainSide))
    }
    return specs
  }
}

extension DomainStatistics {
  /// Decodes and checks that the parts fit together: both tables cover `domainCount` domains and
  /// the statistics tasks, one prior per (domain, task), so that encoding never reads past them.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    tasks = try c.decode([String].self, forKey: .tasks)
    taskIndices = try c.decode([Int].self, forKey: .taskIndices)
    domainCount = try c.decode(Int.self, forKey: .domainCount)
    smoothing = try c.decode(Float.self, forKey: .smoothing)
    priors = try c.decode([Float].self, forKey: .priors)
    countBuckets = try c.decode(Int.self, forKey: .countBuckets)
    folds = try c.decode(Int.self, forKey: .folds)
    users = try c.decode(DomainStatisticsTable.self, forKey: .users)
    items = try c.decode(DomainStatisticsTable.self, forKey: .items)
    let (cells, overflow) = domainCount.multipliedReportingOverflow(by: tasks.count)
    guard taskIndices.count == tasks.count, domainCount >= 0, !overflow, priors.count == cells,
      countBuckets >= 0,
      [users, items].allSatisfy({ $0.domainCount == domainCount && $0.taskCount == tasks.count })
    else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath,
          debugDescription: "statistics parts do not match each other (domains, tasks, priors or tables)"))
    }
  }
}
