import Foundation
import PepnetNumerics

/// Writes a Kuaishou-like synthetic dataset folder (schema.json, users.csv, items.csv,
/// train/valid/test.csv, generator.json, truth.json): 3 domains, 6 tasks, and in valid and test the true
/// probability of every label (`oracle_<task>` columns). Deterministic by seed.
public enum SyntheticGenerator {
  /// What was written.
  public struct Summary: Sendable {
    public var rows: [Dataset.Split: Int] = [:]
    /// Observed positive rate per task over all impressions.
    public var positiveRates: [String: Double] = [:]
    /// Impressions per domain.
    public var domainCounts: [String: Int] = [:]
    public var bytes = 0
    public var seconds = 0.0
  }

  /// The schema of every generated dataset.
  public static var schema: DatasetSchema {
    DatasetSchema(
      description: "Synthetic Kuaishou-like multi-domain multi-task log (pepnet generate)",
      impressions: .init(
        userId: "user_id", itemId: "item_id", domain: "domain", context: ["hour", "network"],
        tasks: SyntheticVocabulary.tasks,
        oracle: Dictionary(uniqueKeysWithValues: SyntheticVocabulary.tasks.map { ($0, "oracle_\($0)") })),
      domains: SyntheticVocabulary.domains,
      users: .init(id: "user_id", features: ["age", "gender", "city", "activity"]),
      items: .init(id: "item_id", authorId: "author_id", title: "title", features: ["category", "duration"]),
      negativeTasks: ["hate"])
  }

  /// The fewest impressions that give train, valid and test a row each (see `generate`).
  public static let minimumImpressions = Dataset.Split.allCases.count

  /// Generates the dataset into `directory` (created if needed; existing files are replaced).
  /// `pepnet generate` passes a fresh temporary folder and swaps it in whole (`AtomicDirectory`).
  @discardableResult
  public static func generate(_ config: GeneratorConfig, to directory: URL) throws -> Summary {
    precondition(config.users > 0 && config.items > 0 && config.authors > 0 && config.impressions >= 0)
    let t0 = Date()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var world = SyntheticWorld(config: config)
    let sampler = ImpressionSampler(world: world)
    RateCalibration.calibrate(world: &world, sampler: sampler)
    let schema = self.schema
    try schema.write(to: directory.appendingPathComponent("schema.json"))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(config).write(to: directory.appendingPathComponent("generator.json"))
    try GroundTruth(world: world).write(to: directory.appendingPathComponent(GroundTruth.fileName))

    var summary = Summary()
    summary.bytes += try writeUsers(world, to: directory.appendingPathComponent(schema.users.file).path)
    summary.bytes += try writeItems(world, to: directory.appendingPathComponent(schema.items.file).path)

    let dataset = Dataset(directory: directory, schema: schema)
    let train = try ByteWriter(path: dataset.path(of: .train))
    let valid = try ByteWriter(path: dataset.path(of: .valid))
    let test = try ByteWriter(path: dataset.path(of: .test))
    let header = ["user_id", "item_id", "domain", "hour", "network"] + schema.tasks
    let oracleHeader = schema.tasks.map { "oracle_\($0)" }
    train.raw(Array(header.joined(separator: ",").utf8))
    try train.newline()
    for w in [valid, test] {
      w.raw(Array((header + oracleHeader).joined(separator: ",").utf8))
      try w.newline()
    }

    let userIds = (0..<config.users).map { Array("u\($0)".utf8) }
    let itemIds = (0..<config.items).map { Array("i\($0)".utf8) }
    let domainNames = SyntheticVocabulary.domains.map { Array($0.utf8) }
    let networkNames = SyntheticVocabulary.networks.map { Array($0.utf8) }
    let tasks = world.taskCount
    var rng = SeededRNG(seed: config.seed ^ 0x5EED_0F1A_B5E5_2023)
    var z = [Double](repeating: 0, count: tasks)
    var p = [Double](repeating: 0, count: tasks)
    var positives = [Int](repeating: 0, count: tasks)
    var rows: [Dataset.Split: Int] = [.train: 0, .valid: 0, .test: 0]
    var domainCounts = [Int](repeating: 0, count: world.domainCount)
    let validCut = 1 - config.validFraction - config.testFraction
    let testCut = 1 - config.testFraction

    for index in 0..<config.impressions {
      let imp = sampler.sample(&rng)
      z.withUnsafeMutableBufferPointer {
        world.logits(
          user: imp.user, item: imp.item, domain: imp.domain, hour: imp.hour, network: imp.network,
          into: $0.baseAddress!)
      }
      let r = rng.uniformDouble()
      var split: Dataset.Split = r < validCut ? .train : r < testCut ? .valid : .test
      // The last rows go to splits that are still empty, so that every split has a row (for any
      // realistic size this never happens: the draws have filled them long before).
      if config.impressions - index <= Self.minimumImpressions {
        let empty = Dataset.Split.allCases.filter { rows[$0] == 0 }
        if config.impressions - index <= empty.count && rows[split]! > 0 { split = empty[0] }
      }
      let w = split == .train ? train : split == .valid ? valid : test
      rows[split, default: 0] += 1
      domainCounts[imp.domain] += 1
      w.raw(userIds[imp.user])
      w.comma()
      w.raw(itemIds[imp.item])
      w.comma()
      w.raw(domainNames[imp.domain])
      w.comma()
      w.int(imp.hour)
      w.comma()
      w.raw(networkNames[imp.network])
      for k in 0..<tasks {
        p[k] = 1 / (1 + Foundation_exp(-(z[k] + world.taskBias[k])))
        let y = rng.uniformDouble() < p[k]
        if y { positives[k] += 1 }
        w.comma()
        w.byte(y ? UInt8(ascii: "1") : UInt8(ascii: "0"))
      }
      if split != .train {
        for k in 0..<tasks {
          w.comma()
          w.probability(p[k])
        }
      }
      try w.newline()
    }
    for w in [train, valid, test] {
      try w.finish()
      summary.bytes += w.bytesWritten
    }
    summary.rows = rows
    for (k, task) in schema.tasks.enumerated() {
      summary.positiveRates[task] =
        config.impressions > 0 ? Double(positives[k]) / Double(config.impressions) : 0
    }
    for (d, name) in SyntheticVocabulary.domains.enumerated() { summary.domainCounts[name] = domainCounts[d] }
    summary.seconds = Date().timeIntervalSince(t0)
    return summary
  }

  private static func writeUsers(_ world: SyntheticWorld, to path: String) throws -> Int {
    let w = try ByteWriter(path: path)
    w.raw(Array("user_id,age,gender,city,activity".utf8))
    try w.newline()
    for u in 0..<world.config.users {
      w.field("u\(u)")
      w.comma()
      w.field(SyntheticVocabulary.ageBands[world.userAge[u]])
      w.comma()
      w.field(SyntheticVocabulary.genders[world.userGender[u]])
      w.comma()
      w.field(SyntheticVocabulary.cityTiers[world.userCity[u]])
      w.comma()
      w.field(SyntheticVocabulary.activityLevels[world.userActivity[u]])
      try w.newline()
    }
    try w.finish()
    return w.bytesWritten
  }

  private static func writeItems(_ world: SyntheticWorld, to path: String) throws -> Int {
    let w = try ByteWriter(path: path)
    w.raw(Array("item_id,author_id,category,duration,title".utf8))
    try w.newline()
    for i in 0..<world.config.items {
      w.field("i\(i)")
      w.comma()
      w.field("a\(world.itemAuthor[i])")
      w.comma()
      w.field(SyntheticVocabulary.categories[world.itemCategory[i]].name)
      w.comma()
      w.field(SyntheticVocabulary.durations[world.itemDuration[i]])
      w.comma()
      w.field(world.itemTitle[i])
      try w.newline()
    }
    try w.finish()
    return w.bytesWritten
  }
}
