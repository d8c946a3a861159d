import ArgumentParser
import Foundation
import PepnetData

/// `pepnet generate`: write a synthetic Kuaishou-like dataset with oracle probabilities.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate a synthetic multi-domain, multi-task dataset (see docs/generator.md).")

  @Option(help: "Output folder: new, empty, or a dataset generated before (replaced whole, atomically).")
  var out: String
  @Option(help: "Random seed; the same seed gives identical files.") var seed: UInt64 = 1
  @Option(help: "Number of users.") var users = 2400
  @Option(help: "Number of items.") var items = 3600
  @Option(help: "Number of authors.") var authors = 600
  @Option(help: "Number of impressions, at least 3 (split at random into train, valid, test).")
  var impressions = 300_000
  @Option(help: "Fraction of impressions in the valid split, in (0, 1).") var validFraction = 0.1
  @Option(help: "Fraction of impressions in the test split, in (0, 1); valid + test must be below 1.")
  var testFraction = 0.1

  func validate() throws {
    guard users > 0, items > 0, authors > 0 else {
      throw ValidationError("users, items and authors must be positive")
    }
    guard impressions >= 0 else { throw ValidationError("impressions must not be negative") }
    // Upper bounds that keep the world in memory (a few GB) and the files on a disk.
    try checkRange("--users", users, 1...1_000_000)
    try checkRange("--items", items, 1...1_000_000)
    try checkRange("--authors", authors, 1...1_000_000)
    try checkRange("--impressions", impressions, 0...1_000_000_000)
    guard impressions >= SyntheticGenerator.minimumImpressions else {
      throw ValidationError(
        "--impressions must be at least \(SyntheticGenerator.minimumImpressions), a row for each of train,"
          + " valid and test; got \(impressions)")
    }
    guard validFraction.isFinite, validFraction > 0, validFraction < 1 else {
      throw ValidationError("--valid-fraction must be in (0, 1), got \(validFraction)")
    }
    guard testFraction.isFinite, testFraction > 0, testFraction < 1 else {
      throw ValidationError("--test-fraction must be in (0, 1), got \(testFraction)")
    }
    guard validFraction + testFraction < 1 else {
      throw ValidationError(
        "--valid-fraction + --test-fraction must be below 1 (the rest is train), got \(validFraction + testFraction)"
      )
    }
  }

  func run() throws {
    let config = GeneratorConfig(
      seed: seed, users: users, items: items, authors: authors, impressions: impressions,
      validFraction: validFraction, testFraction: testFraction)
    // `--out` is replaced whole, so it must be new, empty or a dataset generated before.
    let target = try checkOutputDirectory(out, kind: .dataset)
    // Written into a temporary sibling and swapped in whole: an interruption leaves the previous
    // folder (or none), never a partial dataset.
    var written: SyntheticGenerator.Summary?
    try AtomicDirectory.replace(at: target) { directory in
      written = try SyntheticGenerator.generate(config, to: URL(fileURLWithPath: directory))
    }
    guard let summary = written else { return }
    let rows = Dataset.Split.allCases.map { "\($0.rawValue) \(summary.rows[$0] ?? 0)" }.joined(
      separator: ", ")
    print(
      "wrote \(out): \(rows) impressions, \(String(format: "%.1f", Double(summary.bytes) / 1e6)) MB in \(String(format: "%.2f", summary.seconds)) s"
    )
    let rates = SyntheticGenerator.schema.tasks.map {
      "\($0) \(String(format: "%.2f%%", 100 * (summary.positiveRates[$0] ?? 0)))"
    }
    print("positive rates: " + rates.joined(separator: ", "))
    let domains = SyntheticGenerator.schema.domains.map { "\($0) \(summary.domainCounts[$0] ?? 0)" }
    print("domains: " + domains.joined(separator: ", "))
  }
}
