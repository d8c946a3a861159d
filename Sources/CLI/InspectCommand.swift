import ArgumentParser
import Foundation
import PepnetData
import PepnetInference

/// `pepnet inspect`: a PEPNet's gates over a seeded population sample (issue 14's population
/// view): per domain, each general field's average EPNet gate with its spread across users; per
/// task and layer, PPNet's; the largest differences between domains; the gates' health.
/// docs/personalisation.md defines every number.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Print a model's average EPNet and PPNet gates per domain over a population sample.")

  /// The largest `--sample`: enough for any catalog a CPU explorer serves, and a bound on time.
  static let largestSample = 100_000

  @Option(help: "Model bundle directory.") var model: String = "sample-data/model"
  @Option(
    help:
      "Users in the sample (distinct; all users when the catalog has fewer), each with \(PopulationSample.defaultItemsPerUser) random items."
  )
  var sample: Int = PopulationSample.defaultUsers
  @Option(help: "Seed of the sample.") var seed: UInt64 = PopulationSample.defaultSeed
  @Option(help: "Dataset folder whose truth.json (pepnet generate) the gates are compared with.")
  var data: String?
  @Flag(help: "Print JSON.") var json = false

  func validate() throws { try Self.validateSample(sample) }

  /// `--sample` in 1...largestSample (a usage error otherwise), shared with `rank --gates`.
  static func validateSample(_ sample: Int) throws {
    guard (1...largestSample).contains(sample) else {
      throw ValidationError("--sample must be a number of users in 1...\(largestSample), got \(sample)")
    }
  }

  func run() throws {
    let bundle = try ModelBundle.load(from: model)
    let truthFile = try TruthReport.load(data: data)
    let drawn = PopulationGates.sample(for: bundle, users: sample, seed: seed)
    guard let population = PopulationGates.compute(bundle: bundle, sample: drawn) else {
      throw CommandError("\(model): a \(bundle.manifest.model.architecture.rawValue) model has no gates")
    }
    try Self.checkFinite(population, model: model)
    let truth = TruthReport(bundle: bundle, population: population, loaded: truthFile)
    if json {
      var output = Output(population, model: model)
      output.truthRecovery = truth.recovery.map(TruthReport.JSON.init)
      output.truthRecoveryNote = truth.recovery == nil ? truth.note : nil
      try StandardOutput.writeJSON(output)
    } else {
      try StandardOutput.writeLines(Self.text(population, model: model) + truth.lines)
    }
  }

  /// A broken model's NaN or infinite gates are a failure naming the gate, never printed.
  static func checkFinite(_ p: PopulationGates, model: String) throws {
    for (d, fields) in p.epnet.enumerated() {
      for (f, s) in fields.enumerated() where !(s.mean.isFinite && s.p10.isFinite && s.p90.isFinite) {
        throw CommandError(
          "\(model): EPNet gate of field '\(p.fields[f])' in \(p.domains[d]) is \(numberText(s.mean)) over the sample"
        )
      }
    }
    for (d, tasks) in p.ppnet.enumerated() {
      for (t, layers) in tasks.enumerated() {
        for (l, s) in layers.enumerated() where !(s.mean.isFinite && s.p10.isFinite && s.p90.isFinite) {
          throw CommandError(
            "\(model): PPNet gate of task '\(p.tasks[t])', layer \(l + 1) in \(p.domains[d]) is \(numberText(s.mean)) over the sample"
          )
        }
      }
    }
  }

  /// The text tables; names are escaped by `StandardOutput.writeLines`.
  static func text(_ p: PopulationGates, model: String) -> [String] {
    let sample = p.sample
    var lines = [
      "gates of \(model) over \(sample.users.count) users × \(sample.itemsPerUser) items in each domain (seed \(sample.seed))",
      "mean [p10 p90] across users; 0 damps, 1 is neutral, \(format(p.gamma)) amplifies",
    ]
    let cell = 20
    if p.hasEPNet {
      lines.append("")
      lines.append("EPNet gate per general field and domain")
      lines.append(pad("field", 12) + p.domains.map { pad($0, cell) }.joined())
      for (f, field) in p.fields.enumerated() {
        lines.append(
          pad(field, 12) + p.domains.indices.map { pad(spreadText(p.epnet[$0][f]), cell) }.joined())
      }
      let contrasts = DomainContrast.largest(
        gates: p.epnet.map { $0.map(\.mean) }, domains: p.domains, fields: p.fields)
      if !contrasts.isEmpty {
        lines.append("")
        lines.append("largest differences between domains")
        lines += contrasts.map { "  " + $0.sentence }
      }
    }
    if p.hasPPNet {
      lines.append("")
      lines.append("PPNet gate per task and layer (mean of the layer's units) and domain")
      lines.append(pad("task", 12) + pad("layer", 6) + p.domains.map { pad($0, cell) }.joined())
      for (t, task) in p.tasks.enumerated() {
        for l in 0..<p.layers {
          lines.append(
            pad(l == 0 ? task : "", 12) + pad("L\(l + 1)", 6)
              + p.domains.indices.map { pad(spreadText(p.ppnet[$0][t][l]), cell) }.joined())
        }
      }
    }
    lines.append("")
    lines.append(
      "gate health: saturated = within \(format(GateHealth.margin)) of 0 or γ, near neutral = within "
        + "\(format(GateHealth.margin)) of 1 (shares of values); dead = p90 - p10 across users below "
        + "\(format(GateHealth.deadSpread)) (share of units)")
    for (name, h, present) in [("EPNet", p.epnetHealth, p.hasEPNet), ("PPNet", p.ppnetHealth, p.hasPPNet)]
    where present {
      lines.append(
        "  " + pad(name, 7) + "saturated " + percent(h.saturatedShare) + ", near neutral "
          + percent(h.nearNeutralShare)
          + " of \(h.values) values; dead " + percent(h.deadShare) + " of \(h.units) units")
    }
    return lines.map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
  }

  static func spreadText(_ s: GateSpread) -> String {
    "\(format(s.mean)) [\(format(s.p10)) \(format(s.p90))]"
  }
  static func format(_ v: Float) -> String { String(format: "%.2f", v) }
  static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

  /// The JSON shape (docs/cli.md).
  struct Output: Encodable {
    struct Sample: Encodable {
      var users: Int
      var itemsPerUser: Int
      var seed: UInt64
      enum CodingKeys: String, CodingKey { case users, itemsPerUser = "items_per_user", seed }
    }
    struct Spread: Encodable {
      var name: String
      var mean: Float
      var p10: Float
      var p90: Float
      init(_ name: String, _ s: GateSpread) {
        self.name = name
        mean = s.mean
        p10 = s.p10
        p90 = s.p90
      }
    }
    struct Domain: Encodable {
      var domain: String
      var fields: [Spread]
    }
    struct Task: Encodable {
      var task: String
      var layers: [Spread]
    }
    struct PPNetDomain: Encodable {
      var domain: String
      var tasks: [Task]
    }
    struct Contrast: Encodable {
      var field: String
      var higher: String
      var lower: String
      var high: Float
      var low: Float
      var ratio: Float
      var sentence: String
    }
    struct Health: Encodable {
      var values: Int
      var saturated: Int
      var nearNeutral: Int
      var units: Int
      var dead: Int
      enum CodingKeys: String, CodingKey { case values, saturated, nearNeutral = "near_neutral", units, dead }
      init(_ h: GateHealth) {
        values = h.values
        saturated = h.saturated
        nearNeutral = h.nearNeutral
        units = h.units
        dead = h.dead
      }
    }
    var model: String
    var gamma: Float
    var sample: Sample
    var domains: [String]
    var fields: [String]
    var tasks: [String]
    var epnet: [Domain]
    var ppnet: [PPNetDomain]
    var contrasts: [Contrast]
    var health: [String: Health]
    /// Null without a truth file; then `truth_recovery_note` says why.
    var truthRecovery: TruthReport.JSON?
    var truthRecoveryNote: String?

    enum CodingKeys: String, CodingKey {
      case model, gamma, sample, domains, fields, tasks, epnet, ppnet, contrasts, health
      case truthRecovery = "truth_recovery", truthRecoveryNote = "truth_recovery_note"
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(model, forKey: .model)
      try c.encode(gamma, forKey: .gamma)
      try c.encode(sample, forKey: .sample)
      try c.encode(domains, forKey: .domains)
      try c.encode(fields, forKey: .fields)
      try c.encode(tasks, forKey: .tasks)
      try c.encode(epnet, forKey: .epnet)
      try c.encode(ppnet, forKey: .ppnet)
      try c.encode(contrasts, forKey: .contrasts)
      try c.encode(health, forKey: .health)
      try c.encode(truthRecovery, forKey: .truthRecovery)
      try c.encodeIfPresent(truthRecoveryNote, forKey: .truthRecoveryNote)
    }

    init(_ p: PopulationGates, model: String) {
      self.model = model
      gamma = p.gamma
      sample = Sample(users: p.sample.users.count, itemsPerUser: p.sample.itemsPerUser, seed: p.sample.seed)
      domains = p.domains
      fields = p.fields
      tasks = p.tasks
      epnet = p.epnet.enumerated().map { d, row in
        Domain(domain: p.domains[d], fields: row.enumerated().map { Spread(p.fields[$0], $1) })
      }
      ppnet = p.ppnet.enumerated().map { d, tasks in
        PPNetDomain(
          domain: p.domains[d],
          tasks: tasks.enumerated().map { t, layers in
            Task(task: p.tasks[t], layers: layers.enumerated().map { Spread("L\($0 + 1)", $1) })
          })
      }
      contrasts = DomainContrast.largest(
        gates: p.epnet.map { $0.map(\.mean) }, domains: p.domains, fields: p.fields
      )
      .map {
        Contrast(
          field: $0.field, higher: $0.higher, lower: $0.lower, high: $0.high, low: $0.low, ratio: $0.ratio,
          sentence: $0.sentence)
      }
      health = [:]
      if p.hasEPNet { health["epnet"] = Health(p.epnetHealth) }
      if p.hasPPNet { health["ppnet"] = Health(p.ppnetHealth) }
    }
  }
}
