import PepnetModel

/// Every fact that the parts of a model bundle must agree on, checked once when it is loaded and
/// before anything is built from it: the names (tasks, domains, fields, catalogue ids, vocabulary
/// tokens, statistics keys) unique and the same wherever two files hold them, the catalogues not
/// empty, the statistics tables matching the schema, and the model's fields (so its embedding
/// tables) matching what the pipeline encodes.
///
/// Release builds index without bounds checks, so serving trusts these facts: a bundle that breaks
/// one is refused here in one line naming the file and the field, instead of ranking for a domain
/// that does not exist or reading past the end of a table.
///
/// Facts that `config.json` copies from `pipeline.json` (tasks, domains, fields) are reported
/// against `config.json`; facts inside `pipeline.json` against `pipeline.json`.
enum BundleConsistency {
  static func check(
    manifest: BundleManifest, pipeline: FeaturePipeline, manifestPath: String, pipelinePath: String
  ) throws {
    if let problem = manifestProblem(manifest) { throw FileError(path: manifestPath, problem: problem) }
    if let problem = pipelineProblem(pipeline) { throw FileError(path: pipelinePath, problem: problem) }
    if let problem = agreementProblem(manifest, pipeline) {
      throw FileError(path: manifestPath, problem: problem)
    }
  }

  /// `config.json` on its own: tasks and domains present, every list of names free of repeats, the
  /// top-level tasks the model's, the training record's and metrics' numbers in range.
  static func manifestProblem(_ manifest: BundleManifest) -> String? {
    if manifest.tasks.isEmpty { return "tasks is empty" }
    if manifest.domains.isEmpty { return "domains is empty" }
    let lists = [
      ("tasks", manifest.tasks), ("domains", manifest.domains), ("model.tasks", manifest.model.tasks),
      ("model.fields", manifest.model.fields.map(\.name)), ("negative_tasks", manifest.negativeTasks ?? []),
    ]
    for (field, names) in lists {
      if let problem = repeatedName(names, field) { return problem }
    }
    if let problem = difference(manifest.tasks, "tasks", manifest.model.tasks, "model.tasks") {
      return problem
    }
    for task in manifest.negativeTasks ?? [] where !manifest.tasks.contains(task) {
      return "negative_tasks names \(quoted(task)), which is not one of tasks"
    }
    return manifest.valueProblem
  }

  /// `pipeline.json` on its own: the schema's names, the vocabularies, the catalogues and the
  /// statistics agree with each other.
  static func pipelineProblem(_ p: FeaturePipeline) -> String? {
    let schema = p.schema
    if let problem = repeatedName(schema.tasks, "schema.impressions.tasks") { return problem }
    if let problem = repeatedName(schema.domains, "schema.domains") { return problem }
    if let problem = difference(p.domains.tokens, "domains.tokens", schema.domains, "schema.domains") {
      return problem
    }
    if p.users.count == 0 { return "users.ids is empty: the bundle has no users to rank for" }
    if p.items.count == 0 { return "items.ids is empty: the bundle has no items to rank" }
    let names: [(String, [String], String, [String])] = [
      ("users.feature_names", p.users.featureNames, "schema.users.features", schema.users.features),
      ("user_features", p.userFeatures.map(\.name), "users.feature_names", p.users.featureNames),
      ("items.feature_names", p.items.featureNames, "schema.items.features", schema.items.features),
      ("item_features", p.itemFeatures.map(\.name), "items.feature_names", p.items.featureNames),
      ("context", p.context.map(\.name), "schema.impressions.context", schema.impressions.context),
    ]
    for (field, values, other, expected) in names {
      if let problem = difference(values, field, expected, other) { return problem }
    }
    var unique: [(String, [String])] = [
      ("users.ids", p.users.ids), ("items.ids", p.items.ids), ("user_ids.tokens", p.userIds.tokens),
      ("item_ids.tokens", p.itemIds.tokens), ("author_ids.tokens", p.authorIds.tokens),
      ("statistics.users.keys", p.statistics.users.keys), ("statistics.items.keys", p.statistics.items.keys),
    ]
    for (kind, vocabularies) in [
      ("user_features", p.userFeatures), ("item_features", p.itemFeatures), ("context", p.context),
    ] {
      unique += vocabularies.enumerated().map { ("\(kind)[\($0.offset)].tokens", $0.element.tokens) }
    }
    for (field, values) in unique {
      if let problem = repeatedName(values, field) { return problem }
    }
    // A feature is bucketed at serving exactly when the schema calls it numeric.
    for (kind, vocabularies) in [
      ("user_features", p.userFeatures), ("item_features", p.itemFeatures), ("context", p.context),
    ] {
      for (k, v) in vocabularies.enumerated() where v.isNumeric != schema.isNumeric(v.name) {
        return "\(kind)[\(k)] (\(quoted(v.name))) \(v.isNumeric ? "has" : "has no") cuts, but schema.numeric"
          + " \(v.isNumeric ? "does not name" : "names") it"
      }
    }
    if let problem = multiValueProblem(schema) { return problem }
    return statisticsProblem(p.statistics, tasks: schema.tasks)
  }

  /// The schema's multi-valued features are features with a separator, and none is numeric:
  /// serving splits their cells (an empty separator cannot split) and pools their values.
  static func multiValueProblem(_ schema: DatasetSchema) -> String? {
    let features = schema.users.features + schema.items.features + schema.impressions.context
    for (name, separator) in (schema.multi ?? [:]).sorted(by: { $0.key < $1.key }) {
      if !features.contains(name) { return "schema.multi names \(quoted(name)), which is not a feature" }
      if separator.isEmpty { return "schema.multi.\(name) is an empty separator" }
      if schema.isNumeric(name) {
        return "schema.multi names \(quoted(name)), which schema.numeric names too"
      }
    }
    if let m = schema.multiMaxValues, !DatasetSchema.multiMaxValuesRange.contains(m) {
      return "schema.multi_max_values is \(m); it must be in \(DatasetSchema.multiMaxValuesRange.lowerBound)"
        + "...\(DatasetSchema.multiMaxValuesRange.upperBound)"
    }
    return nil
  }

  /// The statistics' tasks are schema tasks at the indices they claim, and every number serving
  /// reads from them is one that training could have written.
  static func statisticsProblem(_ s: DomainStatistics, tasks: [String]) -> String? {
    if let problem = repeatedName(s.tasks, "statistics.tasks") { return problem }
    for (k, index) in s.taskIndices.enumerated() {
      guard tasks.indices.contains(index), tasks[index] == s.tasks[k] else {
        return "statistics.taskIndices[\(k)] is \(index), not the index of task \(quoted(s.tasks[k])) "
          + "in schema.impressions.tasks"
      }
    }
    if !(1...32).contains(s.countBuckets) {
      return "statistics.countBuckets is \(s.countBuckets); it must be in 1...32"
    }
    if !(1...1000).contains(s.folds) { return "statistics.folds is \(s.folds); it must be in 1...1000" }
    if !(s.smoothing.isFinite && s.smoothing >= 0) {
      return "statistics.smoothing is \(s.smoothing); it must be a finite number >= 0"
    }
    if let bad = s.priors.firstIndex(where: { !(0...1).contains($0) }) {
      return "statistics.priors[\(bad)] is \(s.priors[bad]); a rate must be in 0...1"
    }
    for (name, table) in [("users", s.users), ("items", s.items)] {
      let field = "statistics.\(name)"
      if let bad = table.impressions.firstIndex(where: { $0 < 0 }) {
        return "\(field).impressions[\(bad)] is \(table.impressions[bad]); a count must not be negative"
      }
      if let bad = table.positives.firstIndex(where: { $0 < 0 }) {
        return "\(field).positives[\(bad)] is \(table.positives[bad]); a count must not be negative"
      }
      for (k, cuts) in table.rateCuts.enumerated() {
        let ordered = zip(cuts, cuts.dropFirst()).allSatisfy { $0 <= $1 }
        guard cuts.allSatisfy({ $0.isFinite }), ordered else {
          return "\(field).rate_cuts[\(k)] is not an increasing list of finite numbers"
        }
      }
    }
    return nil
  }

  /// `config.json` against `pipeline.json`: the same tasks and domains, and the model's fields
  /// exactly those the pipeline encodes (names, order, roles and vocabulary sizes).
  static func agreementProblem(_ manifest: BundleManifest, _ pipeline: FeaturePipeline) -> String? {
    let other = "\(ModelBundle.pipelineFile)'s"
    if let problem = difference(
      manifest.tasks, "tasks", pipeline.schema.tasks, "\(other) schema.impressions.tasks")
    {
      return problem
    }
    if let problem = difference(
      manifest.domains, "domains", pipeline.schema.domains, "\(other) schema.domains")
    {
      return problem
    }
    let model = manifest.model.fields
    let encoded = pipeline.fields
    if model.count != encoded.count {
      return "model.fields has \(model.count) fields; \(other) encoding has \(encoded.count)"
    }
    for (k, (field, expected)) in zip(model, encoded).enumerated() where field != expected {
      return "model.fields[\(k)] is \(describe(field)); \(other) encoding has \(describe(expected))"
    }
    return nil
  }

  // MARK: Wording

  /// The first name that occurs twice in `names`, as a problem with `field`.
  static func repeatedName(_ names: [String], _ field: String) -> String? {
    var seen = Set<String>()
    seen.reserveCapacity(names.count)
    for name in names where !seen.insert(name).inserted {
      return "\(field): \(quoted(name)) appears twice"
    }
    return nil
  }

  /// Where two lists of names first differ (their lengths, or the first index), or nil.
  static func difference(_ a: [String], _ aName: String, _ b: [String], _ bName: String) -> String? {
    if a.count != b.count { return "\(aName) has \(a.count) names; \(bName) has \(b.count)" }
    for (k, (x, y)) in zip(a, b).enumerated() where x != y {
      return "\(aName)[\(k)] is \(quoted(x)); \(bName)[\(k)] is \(quoted(y))"
    }
    return nil
  }

  static func describe(_ f: FieldSpec) -> String {
    let multi = f.maxValues.map { ", up to \($0) values a row" } ?? ""
    return
      "\(quoted(f.name)) (\(f.role.rawValue)\(f.isPrior ? ", prior" : ""), \(f.vocabularySize) values\(multi))"
  }

  /// A name from a file, quoted for a one-line message: control characters escaped, at most 64
  /// characters.
  static func quoted(_ name: String) -> String {
    var text = ""
    for scalar in name.unicodeScalars.prefix(64) {
      text += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
    }
    return "'" + text + (name.unicodeScalars.count > 64 ? "…'" : "'")
  }
}
