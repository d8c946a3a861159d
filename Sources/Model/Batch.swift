import PepnetNumerics

/// A batch of impressions in the model's input layout.
///
/// Ids are already vocabulary indices (0 is the out-of-vocabulary slot of every field).
/// `generalIds` is row-major `count x generalIdWidth` (one id per general field, `maxValues`
/// slots per multi-valued one: its value ids then `-1` padding), `domainSideIds` is
/// `count x domainSideFieldCount`, in the order of the fields in `ModelConfig`.
/// `labels` and `labelMask` are `count x taskCount`; a mask of 0 marks a missing label.
/// `domains` and `users` are carried for evaluation by domain and per-user AUC (GAUC).
public final class Batch {
  public private(set) var count: Int
  public let generalFieldCount: Int
  /// Ids per row of `generalIds`: `generalFieldCount` unless a field is multi-valued.
  public let generalIdWidth: Int
  public let domainSideFieldCount: Int
  public let taskCount: Int
  public var generalIds: [Int32]
  public var domainSideIds: [Int32]
  public let labels: Matrix
  public let labelMask: Matrix
  public var domains: [Int32]
  public var users: [Int32]

  public init(
    capacity: Int, generalFieldCount: Int, domainSideFieldCount: Int, taskCount: Int,
    generalIdWidth: Int? = nil
  ) {
    self.count = capacity
    self.generalFieldCount = generalFieldCount
    self.generalIdWidth = generalIdWidth ?? generalFieldCount
    self.domainSideFieldCount = domainSideFieldCount
    self.taskCount = taskCount
    generalIds = Array(repeating: 0, count: capacity * self.generalIdWidth)
    domainSideIds = Array(repeating: 0, count: capacity * domainSideFieldCount)
    labels = Matrix(rows: capacity, cols: taskCount)
    labelMask = Matrix(rows: capacity, cols: taskCount)
    labelMask.fill(1)
    domains = Array(repeating: 0, count: capacity)
    users = Array(repeating: 0, count: capacity)
  }

  /// A batch shaped for `config`'s general fields, domain-side fields and tasks: the one way code
  /// that has a model makes its batches.
  public convenience init(config: ModelConfig, capacity: Int) {
    self.init(
      capacity: capacity, generalFieldCount: config.generalFields.count,
      domainSideFieldCount: config.domainSideFields.count, taskCount: config.taskCount,
      generalIdWidth: config.generalIdWidth)
  }

  /// Sets the number of rows in use, growing storage if needed (existing rows are kept).
  public func resize(count newCount: Int) {
    if newCount * generalIdWidth > generalIds.count {
      generalIds += Array(repeating: 0, count: newCount * generalIdWidth - generalIds.count)
    }
    if newCount * domainSideFieldCount > domainSideIds.count {
      domainSideIds += Array(repeating: 0, count: newCount * domainSideFieldCount - domainSideIds.count)
    }
    if newCount > domains.count {
      domains += Array(repeating: 0, count: newCount - domains.count)
      users += Array(repeating: 0, count: newCount - users.count)
    }
    let oldRows = labels.rows
    labels.resize(rows: newCount)
    labelMask.resize(rows: newCount)
    if newCount > oldRows {
      for r in oldRows..<newCount { labelMask.row(r).update(repeating: 1, count: taskCount) }
    }
    count = newCount
  }

  /// Makes this batch a copy of `source`'s rows `range` (for splitting a batch across threads).
  public func copyRows(of source: Batch, range: Range<Int>) {
    precondition(
      source.generalIdWidth == generalIdWidth && source.domainSideFieldCount == domainSideFieldCount)
    resize(count: range.count)
    let g = generalIdWidth
    let d = domainSideFieldCount
    let t = taskCount
    for (i, r) in range.enumerated() {
      for f in 0..<g { generalIds[i * g + f] = source.generalIds[r * g + f] }
      for f in 0..<d { domainSideIds[i * d + f] = source.domainSideIds[r * d + f] }
      domains[i] = source.domains[r]
      users[i] = source.users[r]
    }
    labels.data.update(from: source.labels.data + range.lowerBound * t, count: range.count * t)
    labelMask.data.update(from: source.labelMask.data + range.lowerBound * t, count: range.count * t)
  }
}
