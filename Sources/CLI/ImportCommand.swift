import ArgumentParser
import Foundation
import PepnetData

/// `pepnet import`: a flat impression log (one row per impression, as logs are exported) becomes
/// a dataset folder in pepnet's format, with the users and items tables built from the log's side
/// columns and the rows split at random (seeded) or by a time or order column.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn a flat impression log (CSV) into a pepnet dataset folder (see docs/data-format.md).")

  @Option(help: "The impression log: CSV with a header, one row per impression.") var log: String
  @Option(help: "The log's user id column.") var userId: String
  @Option(help: "The log's item id column.") var itemId: String
  @Option(help: "The log's domain (scenario, tab, category) column.") var domain: String
  @Option(help: "Label columns, comma-separated, in task order.") var tasks: String
  @Option(help: "User side feature columns, comma-separated (one value per user is kept).")
  var userFeatures: String?
  @Option(help: "Item side feature columns, comma-separated (one value per item is kept).")
  var itemFeatures: String?
  @Option(help: "Context feature columns (per impression), comma-separated.") var context: String?
  @Option(help: "Cell values that mean 'no value', comma-separated (',NA' lists the empty cell and NA).")
  var missing: String?
  @Option(help: MultiValueOption.help) var multi: [String] = []
  @Option(help: "The item's author column (a PPNet prior field); leave out when the log has none.")
  var author: String?
  @Option(help: "The item's display title column.") var title: String?
  @Option(help: "Train and valid shares of the rows, e.g. 0.8,0.1 (the rest is test).") var split: String?
  @Option(help: "Split by this time or order column instead: sorted ascending, the first rows train.")
  var splitBy: String?
  @Option(help: "Seed of the random split; the same seed gives the same split.") var seed: UInt64 = 1
  @Option(
    help:
      "Numeric feature columns, comma-separated (of the user, item and context features): cut at train quantiles."
  )
  var numeric: String?
  @Option(help: "Buckets per numeric feature, 2...1000 (default 10).") var numericBuckets: Int?
  @Option(help: "Train impressions an id needs for its own index, 1...10^9 (default 2; 1 keeps every id).")
  var idMinCount: Int?
  @Option(help: "Train impressions a feature value needs, 1...10^9 (default 1).") var featureMinCount: Int?
  @Option(
    help:
      "The item's domain column (COL, or COL=SEP for several domains in a cell): each domain's candidates are the items it lists."
  )
  var itemDomain: String?
  @Option(help: "Output folder: new, empty, or a dataset generated before (replaced whole, atomically).")
  var out: String

  func validate() throws {
    if split != nil && splitBy != nil {
      throw ValidationError(
        "give --split or --split-by, not both (--split-by cuts its sorted rows 0.8, 0.1, 0.1)")
    }
    _ = try settings()
  }

  /// The settings the flags describe; a usage error for a malformed list, share or column choice.
  func settings() throws -> ImportSettings {
    let (train, valid) = try shares()
    let rule: ImportSettings.SplitRule =
      splitBy.map { .byColumn($0, train: train, valid: valid) }
      ?? .random(train: train, valid: valid, seed: seed)
    var settings = ImportSettings(
      log: log, userId: userId, itemId: itemId, domain: domain, tasks: try columns("--tasks", tasks),
      userFeatures: try userFeatures.map { try columns("--user-features", $0) } ?? [],
      itemFeatures: try itemFeatures.map { try columns("--item-features", $0) } ?? [],
      context: try context.map { try columns("--context", $0) } ?? [],
      missing: missing.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        ?? [],
      author: author, title: title, split: rule)
    settings.numeric = try numeric.map { try columns("--numeric", $0) } ?? []
    if let numericBuckets {
      try checkRange("--numeric-buckets", numericBuckets, DatasetSchema.numericBucketRange)
    }
    settings.numericBuckets = numericBuckets
    if let idMinCount { try checkRange("--id-min-count", idMinCount, PipelineOptions.minCountRange) }
    if let featureMinCount {
      try checkRange("--feature-min-count", featureMinCount, PipelineOptions.minCountRange)
    }
    (settings.idMinCount, settings.featureMinCount) = (idMinCount, featureMinCount)
    if let itemDomain {
      (settings.itemDomain, settings.itemDomainSeparator) = try Self.columnAndSeparator(
        "--item-domain", itemDomain)
    }
    if let problem = settings.columnProblem { throw ValidationError(problem) }
    settings.multi = try MultiValueOption.parse(
      multi, features: settings.userFeatures + settings.itemFeatures + settings.context,
      numeric: settings.numeric)
    return settings
  }

  /// A comma-separated list of column names: none empty.
  private func columns(_ flag: String, _ text: String) throws -> [String] {
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    if names.contains("") { throw ValidationError("\(flag) has an empty column name in '\(text)'") }
    return names
  }

  /// `COL` or `COL=SEP` (the first `=` splits them): the column and the separator, which is not empty.
  static func columnAndSeparator(_ flag: String, _ text: String) throws -> (String, String?) {
    guard let equals = text.firstIndex(of: "=") else { return (text, nil) }
    let column = String(text[..<equals])
    let separator = String(text[text.index(after: equals)...])
    if column.isEmpty || separator.isEmpty {
      throw ValidationError("\(flag) must be COL or COL=SEP with a column and a separator; got '\(text)'")
    }
    return (column, separator)
  }

  /// `--split`'s train and valid shares: two numbers in (0, 1) whose sum is below 1.
  private func shares() throws -> (Double, Double) {
    guard let split else { return (0.8, 0.1) }
    let parts = split.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
    guard parts.count == 2, let train = parts[0], let valid = parts[1], train > 0, valid > 0, train < 1,
      valid < 1, train + valid < 1
    else {
      throw ValidationError(
        "--split must be two shares TRAIN,VALID in (0, 1) with a sum below 1 (the rest is test), e.g. 0.8,0.1;"
          + " got '\(split)'")
    }
    return (train, valid)
  }

  func run() throws {
    let settings = try settings()
    // `--out` is replaced whole, so it must be new, empty or a dataset pepnet import wrote.
    let target = try checkOutputDirectory(out, kind: .importedDataset)
    let imported = try ImportedLog.read(settings)
    // Built in a temporary sibling and swapped in whole: never a partial dataset.
    try AtomicDirectory.replace(at: target) { try imported.write(to: $0) }
    for conflict in imported.conflicts {
      print(
        "\(conflict.table).\(conflict.column): \(conflict.ids) ids with conflicting values; the most common"
          + " kept (ties: the first seen)")
    }
    let rows = Dataset.Split.allCases.map { "\($0.rawValue) \(imported.splits[$0]?.count ?? 0)" }
    print(
      "wrote \(out): \(rows.joined(separator: ", ")) impressions, \(imported.users.count) users,"
        + " \(imported.items.count) items, \(imported.domains.count) domains")
  }
}
