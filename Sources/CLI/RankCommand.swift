import ArgumentParser
import Foundation
import PepnetData
import PepnetInference
import PepnetNumerics
import PepnetText

/// `pepnet rank`: the catalog ranked for one (user, domain), by one task or a weighted blend.
struct RankCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank", abstract: "Rank the catalog for a user in a domain.")

  @OptionGroup var selection: SelectionOptions
  @Option(help: "How many items to print.") var top = 10
  @Option(help: "Rank by this task's probability.") var task: String?
  @Option(
    help:
      "Rank by a weighted sum of task probabilities, e.g. like=1,follow=2,hate=-1 (each weight in \(BlendWeights.rangeText))."
  )
  var weights: String?
  @Option(
    help:
      "Whose gates: own, or population averages over the --sample (average-epnet, average-ppnet, average: both); see docs/personalisation.md."
  )
  var gates: GateChoice = .own
  @Option(help: "With --gates average…: users in the population sample.")
  var sample: Int = PopulationSample.defaultUsers
  @Option(help: "With --gates average…: seed of the population sample.")
  var seed: UInt64 = PopulationSample.defaultSeed
  @Option(help: ProfileEditOption.help) var edit: [String] = []
  @Option(
    help:
      "Which items to rank: domain (those seen in the domain in training; the whole catalogue for a bundle without candidate sets) or all."
  )
  var candidates = CandidateChoice.domain
  @Flag(help: "Print JSON.") var json = false
  @Option(help: PrecisionOption.help(autoMeans: "fp32, so rank agrees with the explorer to the last digit"))
  var precision = RequestedPrecision.auto

  func validate() throws {
    if task != nil && weights != nil { throw ValidationError("give --task or --weights, not both") }
    if top < 1 { throw ValidationError("--top must be at least 1") }
    if let weights { _ = try BlendWeightsOption.parse(weights) }
    try InspectCommand.validateSample(sample)
    _ = try ProfileEditOption.pairs(edit)
    if !edit.isEmpty && gates != .own { throw ValidationError("--edit applies to --gates own") }
    if precision == .bf16 && gates != .own {
      throw ValidationError("--gates \(gates.rawValue) is computed in fp32; drop --precision bf16")
    }
  }

  struct Output: Encodable {
    struct Item: Encodable {
      var item: String
      var title: String
      var rank: Int
      var score: Float
      var scores: [String: Float]
      /// Whether the model has an embedding of the item's id (else: the out-of-vocabulary one).
      var known: Bool
    }
    var user: String
    /// Whether the model has an embedding of the user's id: false for a user of users.csv that
    /// `id_min_count` dropped, scored through the out-of-vocabulary embedding (issue 18, item 5).
    var userKnown: Bool
    var domain: String
    var tasks: [String]
    var rankedBy: String
    var gates: String
    /// Which candidates applied: `domain` (seen in the domain in training) or `all`.
    var candidates: String
    /// How many items were ranked.
    var candidateCount: Int
    /// With average gates: this ranking against the user's own (`RankingComparison`).
    var versusOwn: VersusOwn?
    var items: [Item]
    enum CodingKeys: String, CodingKey {
      case user, userKnown = "user_known", domain, tasks, rankedBy = "ranked_by", gates, candidates,
        candidateCount = "candidate_count"
      case versusOwn = "versus_own", items
    }
  }

  /// This ranking against the one under the user's own gates: top-`top` overlap, Spearman's rho
  /// over the ranked items (the candidates), and the items the user's own gates move up and down the most (among both
  /// top lists; `RankingComparison` with this ranking as the base).
  struct VersusOwn: Encodable {
    struct Move: Encodable {
      var item: String
      var rank: Int
      var ownRank: Int
      enum CodingKeys: String, CodingKey { case item, rank, ownRank = "own_rank" }
    }
    var top: Int
    var overlap: Int
    var spearman: Double
    var movedUp: [Move]
    var movedDown: [Move]
    enum CodingKeys: String, CodingKey {
      case top, overlap, spearman, movedUp = "moved_up", movedDown = "moved_down"
    }
  }

  func run() throws {
    let (model, user, domain) = (selection.model, selection.user, selection.domain)
    let bundle = try ModelBundle.load(from: model)
    let resolver = RequestResolver(bundle: bundle)
    let u = try resolver.user(user)
    let d = try resolver.domain(domain)
    let tasks = bundle.manifest.tasks
    // By default every task adds its probability and a negative-feedback task (`hate`) subtracts it.
    var blend = bundle.manifest.defaultWeights
    let negative = tasks.filter { (bundle.manifest.negativeTasks ?? []).contains($0) }
    var rankedBy =
      negative.isEmpty
      ? "sum of all task probabilities"
      : "sum of task probabilities, minus \(negative.joined(separator: ", "))"
    if let task {
      blend = [Float](repeating: 0, count: tasks.count)
      blend[try resolver.task(task)] = 1
      rankedBy = task
    } else if let weights {
      blend = try resolver.weights(BlendWeightsOption.parse(weights))
      rankedBy = weights
    }
    if let problem = gates.problem(for: bundle.model) { throw CommandError("\(model): \(problem)") }
    BLASThreads.set(1)
    let population =
      gates == .own
      ? nil
      : PopulationGates.compute(
        bundle: bundle, sample: PopulationGates.sample(for: bundle, users: sample, seed: seed), only: [d])
    // Only the candidates are scored (the whole catalogue with --candidates all or without sets).
    let candidateSet = CandidateSet(pipeline: bundle.pipeline, domain: d, choice: candidates)
    let effect = PersonalisationEffect(
      bundle: bundle, user: u, domain: d, gates: gates, population: population,
      precision: precision.resolved(autoPrefersBF16: false),
      overrides: try ProfileEditOption.overrides(edit, bundle: bundle), items: candidateSet.items)
    let scores = effect.scores
    // A broken model (weights or config.json) can score NaN or infinity; that is a failure, never
    // an empty or partial ranking with status 0.
    if let bad = RankedList.firstNonFinite(in: scores, of: candidateSet.items) {
      throw CommandError(
        "\(model): task '\(tasks[bad.task])' scores item '\(bundle.pipeline.items.ids[bad.item])' \(numberText(bad.value))"
          + " for user \(user) in \(domain), not a probability")
    }
    if gates != .own, let bad = RankedList.firstNonFinite(in: effect.ownScores, of: candidateSet.items) {
      throw CommandError(
        "\(model): task '\(tasks[bad.task])' scores item '\(bundle.pipeline.items.ids[bad.item])' \(numberText(bad.value))"
          + " for user \(user) in \(domain) with its own gates, not a probability")
    }
    let full = RankedList(scores: scores, of: candidateSet.items, weights: blend)
    var versusOwn: VersusOwn?
    if gates != .own, let c = effect.comparison(weights: blend, k: top) {
      let ids = bundle.pipeline.items.ids
      func moves(_ m: [RankingComparison.Move]) -> [VersusOwn.Move] {
        m.map { VersusOwn.Move(item: ids[$0.item], rank: $0.from, ownRank: $0.to) }
      }
      versusOwn = VersusOwn(
        top: min(top, full.entries.count), overlap: c.overlap, spearman: c.spearman, movedUp: moves(c.up),
        movedDown: moves(c.down))
    }
    var list = full
    list.entries = Array(full.entries.prefix(top))
    let catalog = bundle.pipeline.items
    let items = list.entries.enumerated().map { k, e in
      Output.Item(
        item: catalog.ids[e.item], title: catalog.titles[e.item], rank: k + 1, score: e.blended,
        scores: Dictionary(uniqueKeysWithValues: zip(tasks, e.scores)),
        known: bundle.pipeline.itemIds.contains(catalog.ids[e.item]))
    }
    let userKnown = bundle.pipeline.userIds.contains(bundle.pipeline.users.ids[u])
    if json {
      try StandardOutput.writeJSON(
        Output(
          user: user, userKnown: userKnown, domain: domain, tasks: tasks, rankedBy: rankedBy,
          gates: gates.rawValue,
          candidates: candidateSet.applied.rawValue, candidateCount: full.entries.count, versusOwn: versusOwn,
          items: items))
      return
    }
    // The whole table is made first and written once; titles and names have their control
    // characters escaped (`StandardOutput.writeLines`), here already for titles, which are cut.
    // The candidates are named only when they are the domain's, so the whole-catalogue header is as before.
    let among =
      candidateSet.applied == .domain
      ? " among the \(full.entries.count) items \(candidateSet.description(domain: domain))" : ""
    var lines = ["top \(items.count) for user \(user) in \(domain)\(among), ranked by \(rankedBy)"]
    if !userKnown { lines.append(Self.unknownIdLine("user", user, bundle: bundle)) }
    if let versusOwn {
      lines.append(
        "gates: \(gates.rawValue) over \(min(sample, bundle.pipeline.users.count)) users × \(PopulationSample.defaultItemsPerUser) items (seed \(seed));"
          + " against the user's own: top-\(versusOwn.top) overlap \(versusOwn.overlap), Spearman's rho "
          + String(format: "%.4f", versusOwn.spearman))
      func list(_ moves: [VersusOwn.Move]) -> String {
        moves.isEmpty ? "none" : moves.map { "\($0.item) #\($0.rank)→#\($0.ownRank)" }.joined(separator: ", ")
      }
      lines.append("own gates move up: \(list(versusOwn.movedUp)); down: \(list(versusOwn.movedDown))")
    }
    lines.append(
      pad("rank", 6) + pad("item", 8) + pad("title", 34) + "score  " + tasks.map { pad($0, 10) }.joined())
    for it in items {
      // Display width, not characters: a CJK title takes two cells per character; control
      // characters escaped before the cut.
      let shown = DisplayWidth.truncate(it.title.escapingControlCharacters(), to: 28)
      let title = DisplayWidth.pad(shown, to: 34)
      let left = pad("\(it.rank)", 6) + pad(it.item + (it.known ? "" : Self.unknownMark), 8) + title
      lines.append(
        left + String(format: "%.3f  ", it.score)
          + tasks.map { pad(String(format: "%.4f", it.scores[$0]!), 10) }.joined())
    }
    if items.contains(where: { !$0.known }) {
      lines.append(
        "\(Self.unknownMark): an item unknown to the model (fewer than id_min_count"
          + " \(bundle.pipeline.options.idMinCount) train impressions), scored through the out-of-vocabulary embedding"
      )
    }
    try StandardOutput.writeLines(lines)
  }

  /// After an item id in the text table: the id is unknown to the model (the explorer's mark).
  static let unknownMark = "°"

  /// The line that says a user or an item (`kind`) is scored through the out-of-vocabulary
  /// embedding, and why (`rank` and `gates`).
  static func unknownIdLine(_ kind: String, _ id: String, bundle: ModelBundle) -> String {
    "\(kind) \(id) is unknown to the model (fewer than id_min_count \(bundle.pipeline.options.idMinCount)"
      + " train impressions): scored through the out-of-vocabulary embedding"
  }
}

func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}

extension GateChoice: ExpressibleByArgument {}
extension CandidateChoice: ExpressibleByArgument {}
