import Foundation
import PepnetText

/// The static part of a data source (names and features), copied once so state stays a value.
public struct ExplorerCatalog: Sendable {
  public var title: String
  public var users: [ExplorerUser]
  public var items: [ExplorerItem]
  public var domains: [String]
  public var tasks: [String]
  /// Lower-cased "id name=value ..." per user, for the `/` filter.
  public var userSearchText: [String]
  /// A short line of key feature values per user, for the users list, in aligned columns.
  public var userSummary: [String]
  /// Whether any user is unknown to the model (`ExplorerUser.known`): the users list keeps a
  /// cell after the ids for the mark.
  public var hasUnknownUsers = false
  /// The users list's column heads: the summarised features' names, cut or padded to their columns'
  /// widths, so that each stands over its values.
  public var userColumns: [String] = []
  /// The model's architecture, for the gate panes of models without such gates.
  public var architecture: ExplorerArchitecture = .pepnet
  /// The blend weights to start with and to reset to (one per task, each within `weightRange`).
  public var defaultWeights: [Float]
  /// The features a what-if may edit.
  public var editableFeatures: [EditableFeature] = []
  /// Per domain, the items its rankings list (`ExplorerDataSource.domainCandidates`); nil: all.
  public var domainCandidates: [[Int]]?
  /// The sets are the catalogue's lists (`ExplorerDataSource.candidatesAreListed`).
  public var candidatesAreListed = false

  /// The range of a blend weight: negative weights let negative feedback lower an item.
  public static let weightRange: ClosedRange<Float> = -5...5

  public init(source: ExplorerDataSource) {
    self.init(
      title: source.title, users: source.users, items: source.items, domains: source.domains,
      tasks: source.tasks)
    architecture = source.architecture
    editableFeatures = source.editableFeatures
    if let sets = source.domainCandidates, sets.count == domains.count,
      sets.allSatisfy({ $0.allSatisfy(items.indices.contains) })
    {
      domainCandidates = sets
      candidatesAreListed = source.candidatesAreListed
    }
    let weights = source.defaultWeights
    if weights.count == tasks.count && weights.allSatisfy({ Self.weightRange.contains($0) }) {
      defaultWeights = weights
    }
  }

  public init(title: String, users: [ExplorerUser], items: [ExplorerItem], domains: [String], tasks: [String])
  {
    self.title = title
    self.users = users
    self.items = items
    self.domains = domains
    self.tasks = tasks
    defaultWeights = [Float](repeating: 1, count: tasks.count)
    hasUnknownUsers = users.contains { !$0.known }
    // An unknown user's text holds `oov`, so that `/ oov` lists the users the model has no id for.
    userSearchText = users.map { user in
      ([user.id] + user.features.map { "\($0.name)=\($0.value)" } + (user.known ? [] : ["oov"]))
        .joined(separator: " ").lowercased()
    }
    let names = users.first?.features.prefix(Self.summaryColumns).map(\.name) ?? []
    // Each column as wide as its widest value, and its head at least as wide as it takes for the
    // heads' starts to tell the fields apart: `ge` over `F`, but `is_li…` and `is_vi…` over
    // KuaiRand's 0/1 flags (issue 18, item 10; their one-cell heads all read `i`).
    let valueWidths = names.indices.map { c in
      users.reduce(1) { max($0, c < $1.features.count ? $1.features[c].value.displayWidth : 0) }
    }
    var widths = valueWidths
    var heads = names
    for least in Self.headWidths {
      widths = zip(names, valueWidths).map { max($1, min($0.displayWidth, least)) }
      heads = zip(names, widths).map(Self.head)
      if DistinctNames.isDistinct(heads, names) { break }
    }
    if !DistinctNames.isDistinct(heads, names) { heads = DistinctNames.shorten(names, widths: widths) }
    userColumns = zip(heads, widths).map { DisplayWidth.pad($0, to: $1) }
    userSummary = users.map { user in
      zip(user.features.prefix(Self.summaryColumns), widths).map { DisplayWidth.pad($0.value, to: $1) }
        .joined(separator: " ")
    }
  }

  /// The users list summarises the first five profile features.
  static let summaryColumns = 5
  /// The cells a column of the users list keeps for its head, however narrow its values: the
  /// first of these at which the heads differ.
  static let headWidths = 2...12

  /// A column head: the field's name in `width` cells, cut with an ellipsis when there is room
  /// for a letter or two before it.
  static func head(_ name: String, width: Int) -> String {
    width < 3 ? DistinctNames.head(name, width) : DisplayWidth.truncate(name, to: width)
  }

  /// The items domain `domain`'s rankings list; nil: the whole catalogue.
  public func candidates(domain: Int) -> [Int]? {
    domainCandidates.flatMap { domain < $0.count ? $0[domain] : nil }
  }

  /// What the rankings pane says about the listed items: "seen in <domain>", "listed for
  /// <domain>" (the catalogue's own sets) or "all items".
  public func candidatesLabel(domain: Int) -> String {
    guard candidates(domain: domain) != nil, domains.indices.contains(domain) else { return "all items" }
    return (candidatesAreListed ? "listed for " : "seen in ") + domains[domain]
  }

  /// Digits of the largest rank (at least 3): the width of rank columns and of rank moves.
  public var rankDigits: Int { max(3, String(items.count).count) }

  /// Indices of users whose id or feature text contains `filter` (case-insensitive).
  public func matchingUsers(_ filter: String) -> [Int] {
    let needle = filter.lowercased().trimmingCharacters(in: .whitespaces)
    if needle.isEmpty { return Array(users.indices) }
    let terms = needle.split(separator: " ")
    return users.indices.filter { u in terms.allSatisfy { userSearchText[u].contains($0) } }
  }
}
