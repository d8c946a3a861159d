import ArgumentParser
import Foundation
import PepnetData
import PepnetInference
import PepnetNumerics

/// `pepnet rank`: the catalog ranked for one (user, domain), by one task or a weighted blend.
struct RankCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank", abstract: "Rank the catalog for a user in a domain.")

  @Option(help: "Model bundle directory.") var model: String = "sample-data/model"
  @Option(help: "User id.") var user: String
  @Option(help: "Domain name.") var domain: String
  @Option(help: "How many items to print.") var top = 10
  @Option(help: "Rank by this task's probability.") var task: String?
  @Option(
    help:
      "Rank by a weighted sum of task probabilities, e.g. like=1,follow=2,hate=-1 (each weight in \(BlendWeights.rangeText))."
  )
  var weights: String?
  @Flag(help: "Print JSON.") var json = false
  @Option(help: PrecisionOption.help(autoMeans: "fp32, so rank agrees with the explorer to the last digit"))
  var precision = RequestedPrecision.auto

  func validate() throws {
    if task != nil && weights != nil { throw ValidationError("give --task or --weights, not both") }
    if top < 1 { throw ValidationError("--top must be at least 1") }
    if let weights { _ = try Self.blendWeights(weights) }
  }

  /// `--weights` parsed; a malformed, out-of-range, repeated or all-zero list is a usage error.
  static func blendWeights(_ text: String) throws -> BlendWeights {
    do { return try BlendWeights(parsing: text) } catch let problem as BlendWeights.Problem {
      throw ValidationError("--weights \(problem)")
    }
  }

  struct Output: Encodable {
    struct Item: Encodable {
      var item: String
      var title: String
      var rank: Int
      var score: Float
      var scores: [String: Float]
    }
    var user: String
    var domain: String
    var tasks: [String]
    var rankedBy: String
    var items: [Item]
    enum CodingKeys: String, CodingKey { case user, domain, tasks, rankedBy = "ranked_by", items }
  }

  func run() throws {
    let bundle = try ModelBundle.load(from: model)
    let resolver = RequestResolver(bundle: bundle)
    let u = try resolver.user(user)
    let d = try resolver.domain(domain)
    let tasks = bundle.manifest.tasks
    var blend = [Float](repeating: 1, count: tasks.count)
    var rankedBy = "sum of all task probabilities"
    if let task {
      blend = [Float](repeating: 0, count: tasks.count)
      blend[try resolver.task(task)] = 1
      rankedBy = task
    } else if let weights {
      blend = try resolver.weights(Self.blendWeights(weights))
      rankedBy = weights
    }
    BLASThreads.set(1)
    let scores = CatalogRanker(bundle: bundle, precision: precision.resolved(autoPrefersBF16: false))
      .scores(user: u, domain: d)
    // A broken model (weights or config.json) can score NaN or infinity; that is a failure, never
    // an empty or partial ranking with status 0.
    if let bad = RankedList.firstNonFinite(in: scores) {
      throw CommandError(
        "\(model): task '\(tasks[bad.task])' scores item '\(bundle.pipeline.items.ids[bad.item])' \(numberText(bad.value))"
          + " for user \(user) in \(domain), not a probability")
    }
    let list = RankedList(scores: scores, weights: blend, top: top)
    let catalog = bundle.pipeline.items
    let items = list.entries.enumerated().map { k, e in
      Output.Item(
        item: catalog.ids[e.item], title: catalog.titles[e.item], rank: k + 1, score: e.blended,
        scores: Dictionary(uniqueKeysWithValues: zip(tasks, e.scores)))
    }
    if json {
      try StandardOutput.writeJSON(
        Output(user: user, domain: domain, tasks: tasks, rankedBy: rankedBy, items: items))
      return
    }
    // The whole table is made first and written once; titles and names have their control
    // characters escaped (`StandardOutput.writeLines`), here already for titles, which are cut.
    var lines = ["top \(items.count) for user \(user) in \(domain), ranked by \(rankedBy)"]
    lines.append(
      pad("rank", 6) + pad("item", 8) + pad("title", 34) + "score  " + tasks.map { pad($0, 10) }.joined())
    for it in items {
      let printable = it.title.escapingControlCharacters()
      let title = printable.count > 28 ? String(printable.prefix(27)) + "…" : printable
      let left = pad("\(it.rank)", 6) + pad(it.item, 8) + pad(title, 34)
      lines.append(
        left + String(format: "%.3f  ", it.score)
          + tasks.map { pad(String(format: "%.4f", it.scores[$0]!), 10) }.joined())
    }
    try StandardOutput.writeLines(lines)
  }
}

func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}
