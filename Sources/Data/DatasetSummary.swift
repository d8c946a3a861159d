import Foundation

/// What one split of a log holds, per domain and over all domains: rows, distinct users, distinct
/// items and positives per task, and whether the domain follows from the user or from the item.
///
/// `train` and `eval` print it at load and warn about what the data cannot show (issue 18, item
/// 9): one domain leaves EPNet nothing to personalise, one user makes GAUC equal AUC, a domain
/// fixed by the user (or item) confounds the domain gate with the id, and a handful of positives
/// makes a task's AUC noise.
public struct DatasetSummary: Equatable, Sendable {
  /// Fewer positives than this for a task in a split draws a warning.
  public static let minimumPositives = 10
  /// Fewer optimiser steps than this per epoch draws a warning.
  public static let minimumStepsPerEpoch = 10

  /// One domain's rows (or all domains', `domain == nil`).
  public struct Cell: Equatable, Sendable {
    public var domain: String?
    public var rows: Int
    public var users: Int
    /// Distinct known items (an item without an index of its own is not counted).
    public var items: Int
    /// Positive labels per task, in the dataset's task order.
    public var positives: [Int]
  }

  /// The split's name as printed (`train`, `valid`, `test`).
  public var split: String
  public var tasks: [String]
  /// One cell per domain in order, then the all-domains cell.
  public var cells: [Cell]
  /// More than one domain has rows, some user has two or more rows, and no user has rows in two
  /// domains. A user with one row cannot show whether the domain follows the user, so a log where
  /// every user has one row is not judged.
  public var domainFollowsUser: Bool
  /// The same for known items.
  public var domainFollowsItem: Bool
  /// Users with two or more rows: those the domain-follows-the-user judgement rests on.
  public var usersJudged: Int
  /// Known items with two or more rows.
  public var itemsJudged: Int

  /// The all-domains cell.
  public var all: Cell { cells[cells.count - 1] }

  /// Summarises rows given as columns: each row's domain index into `domainNames`, user group key,
  /// item index (0: unknown) and `taskNames.count` labels with their mask (0: missing).
  public init(
    split: String, domains: [Int32], users: [Int32], items: [Int32], labels: [Float], labelMask: [Float],
    domainNames: [String], taskNames: [String]
  ) {
    let domainCount = domainNames.count
    let taskCount = taskNames.count
    var rows = [Int](repeating: 0, count: domainCount + 1)
    var positives = [[Int]](repeating: [Int](repeating: 0, count: taskCount), count: domainCount + 1)
    var usersByDomain = [Set<Int32>](repeating: [], count: domainCount + 1)
    var itemsByDomain = [Set<Int32>](repeating: [], count: domainCount + 1)
    var userDomain: [Int32: Int32] = [:]
    var itemDomain: [Int32: Int32] = [:]
    // Rows per user and per known item, to judge only those with two or more.
    var userRows: [Int32: Int] = [:]
    var itemRows: [Int32: Int] = [:]
    var userSpansDomains = false
    var itemSpansDomains = false
    for r in 0..<domains.count {
      let d = domains[r]
      let slot = Int(d)
      rows[slot] += 1
      usersByDomain[slot].insert(users[r])
      userRows[users[r], default: 0] += 1
      if userDomain.updateValue(d, forKey: users[r]).map({ $0 != d }) ?? false { userSpansDomains = true }
      if items[r] != 0 {
        itemsByDomain[slot].insert(items[r])
        itemRows[items[r], default: 0] += 1
        if itemDomain.updateValue(d, forKey: items[r]).map({ $0 != d }) ?? false { itemSpansDomains = true }
      }
      for t in 0..<taskCount where labelMask[r * taskCount + t] != 0 && labels[r * taskCount + t] > 0.5 {
        positives[slot][t] += 1
      }
    }
    rows[domainCount] = domains.count
    usersByDomain[domainCount] = Set(userDomain.keys)
    itemsByDomain[domainCount] = Set(itemDomain.keys)
    for t in 0..<taskCount {
      positives[domainCount][t] = (0..<domainCount).reduce(0) { $0 + positives[$1][t] }
    }
    self.split = split
    tasks = taskNames
    cells = (0...domainCount).map { slot in
      Cell(
        domain: slot < domainCount ? domainNames[slot] : nil, rows: rows[slot],
        users: usersByDomain[slot].count, items: itemsByDomain[slot].count, positives: positives[slot])
    }
    let domainsWithRows = rows.prefix(domainCount).filter { $0 > 0 }.count
    // Only an id with two or more rows can span domains, so spanning needs no filter.
    usersJudged = userRows.values.filter { $0 >= 2 }.count
    itemsJudged = itemRows.values.filter { $0 >= 2 }.count
    domainFollowsUser = domainsWithRows > 1 && usersJudged > 0 && !userSpansDomains
    domainFollowsItem = domainsWithRows > 1 && itemsJudged > 0 && !itemSpansDomains
  }

  /// Summarises an encoded split (items are general field 1, `item_id`).
  public init(split: String, _ rows: EncodedDataset, domainNames: [String], taskNames: [String]) {
    let width = rows.generalIdWidth
    let items = (0..<rows.count).map { rows.generalIds[$0 * width + 1] }
    self.init(
      split: split, domains: rows.domains, users: rows.users, items: items, labels: rows.labels,
      labelMask: rows.labelMask, domainNames: domainNames, taskNames: taskNames)
  }

  /// The number of domains with rows.
  public var domainsWithRows: Int { cells.dropLast().filter { $0.rows > 0 }.count }

  /// What this split cannot show, one sentence each (without the `pepnet: warning: ` prefix).
  /// `structural` adds the warnings about the log's shape (domains, users), which `train` draws
  /// from its train split only.
  public func warnings(structural: Bool = true) -> [String] {
    var out: [String] = []
    if structural {
      if domainsWithRows == 1 {
        out.append("\(split): the log has one domain: EPNet has nothing to personalise")
      }
      if all.users == 1 { out.append("\(split): the log has one user: GAUC equals AUC") }
      if domainFollowsUser {
        out.append(
          "\(split): every user with 2+ rows (\(usersJudged) of \(all.users)) has them in one domain only: the"
            + " domain is a function of the user")
      }
      if domainFollowsItem {
        out.append(
          "\(split): every item with 2+ rows (\(itemsJudged) of \(all.items)) has them in one domain only: the"
            + " domain is a function of the item")
      }
    }
    for (t, task) in tasks.enumerated() where all.positives[t] < Self.minimumPositives {
      out.append(
        "\(split): task \(task) has \(all.positives[t]) positive\(all.positives[t] == 1 ? "" : "s") "
          + "(fewer than \(Self.minimumPositives)): its AUC is noise")
    }
    return out
  }

  /// The warning for an epoch of `rows` rows in batches of `batchSize`, when it has fewer than
  /// `minimumStepsPerEpoch` optimiser steps.
  public static func stepsWarning(rows: Int, batchSize: Int) -> String? {
    let steps = (rows + batchSize - 1) / max(batchSize, 1)
    guard steps < minimumStepsPerEpoch else { return nil }
    return "an epoch is \(steps) optimiser step\(steps == 1 ? "" : "s") (\(rows) train rows / batch size "
      + "\(batchSize)), fewer than \(minimumStepsPerEpoch): lower --batch-size"
  }

  /// The per-domain table: `split domain rows users items <task>+ …`, columns aligned.
  public static func table(_ summaries: [DatasetSummary]) -> String {
    guard let first = summaries.first else { return "" }
    var grid = [["split", "domain", "rows", "users", "items"] + first.tasks.map { "\($0)+" }]
    for summary in summaries {
      for cell in summary.cells {
        grid.append(
          [summary.split, cell.domain ?? "all", "\(cell.rows)", "\(cell.users)", "\(cell.items)"]
            + cell.positives.map { "\($0)" })
      }
    }
    let columns = grid[0].count
    let widths = (0..<columns).map { c in grid.map { $0[c].count }.max() ?? 0 }
    return grid.map { row in
      row.enumerated().map { c, text in
        let pad = String(repeating: " ", count: widths[c] - text.count)
        return c < 2 ? text + pad : pad + text
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n")
  }
}
