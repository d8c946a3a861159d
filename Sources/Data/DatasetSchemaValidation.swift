extension DatasetSchema {
  /// Names of fields the pipeline makes itself: a feature with one of them would give the model
  /// two embedding tables of one name (a bundle that does not load).
  static let derivedFieldNames: Set<String> = ["user_id", "item_id", "author_id", "domain"]
  /// Prefixes of the derived domain-side statistics fields (`user_domain_impressions`,
  /// `item_domain_<task>_rate`, ...).
  static let derivedFieldPrefixes = ["user_domain_", "item_domain_"]

  /// Checks internal consistency; throws `FileError` naming the problem. Everything a model
  /// could not be trained on, served from or trusted with is refused here, before any data is
  /// read: fields named like derived ones, a column in two roles (a label or oracle column used
  /// as a feature leaks the answer), split files that are the same file, and file names that
  /// leave the dataset folder.
  public func validate(file: String = "schema.json") throws {
    func fail(_ message: String) -> FileError { FileError(path: file, problem: message) }
    guard version == DatasetSchema.currentVersion else {
      throw fail(
        "unsupported schema version \(version) (this build reads version \(DatasetSchema.currentVersion))")
    }
    if impressions.tasks.isEmpty {
      throw fail("impressions.tasks is empty: at least one label column is needed")
    }
    if domains.isEmpty && !infersDomains { throw fail("domains is empty") }
    if Set(domains).count != domains.count { throw fail("domains has duplicates") }
    if Set(impressions.tasks).count != impressions.tasks.count {
      throw fail("impressions.tasks has duplicates")
    }
    for task in negativeTasks ?? [] where !impressions.tasks.contains(task) {
      throw fail("negative_tasks names unknown task '\(task)'")
    }
    if let oracle = impressions.oracle {
      for task in oracle.keys.sorted() where !impressions.tasks.contains(task) {
        throw fail("impressions.oracle names unknown task '\(task)'")
      }
    }
    for (key, value) in [("id_min_count", idMinCount), ("feature_min_count", featureMinCount)] {
      if let value, !PipelineOptions.minCountRange.contains(value) {
        throw fail("\(key) is \(value); it must be in 1...\(PipelineOptions.minCountRange.upperBound)")
      }
    }
    if let statisticsTasks {
      if statisticsTasks.isEmpty { throw fail("statistics_tasks is empty: leave it out for the first task") }
      if Set(statisticsTasks).count != statisticsTasks.count { throw fail("statistics_tasks has duplicates") }
      for task in statisticsTasks where !impressions.tasks.contains(task) {
        throw fail("statistics_tasks names unknown task '\(task)'")
      }
    }
    try checkFeatureNames(fail)
    try checkNumeric(fail)
    try checkMulti(fail)
    try checkItemDomain(fail)
    try checkColumnRoles(fail)
    try checkFileNames(fail)
  }

  /// Feature names become field (and embedding) names: none may be a derived field's name, and
  /// all must be distinct across users, items and context.
  private func checkFeatureNames(_ fail: (String) -> FileError) throws {
    let features =
      users.features.map { ("users.features", $0) } + items.features.map { ("items.features", $0) }
      + impressions.context.map { ("impressions.context", $0) }
    var seen = Set<String>()
    for (key, name) in features {
      if Self.derivedFieldNames.contains(name) || Self.derivedFieldPrefixes.contains(where: name.hasPrefix) {
        throw fail(
          "\(key) has '\(name)', the name of a field pepnet derives (user_id, item_id, author_id, domain,"
            + " user_domain_*, item_domain_*); rename that column")
      }
      if !seen.insert(name).inserted {
        throw fail(
          "feature name '\(name)' is used twice (user, item and context feature names must be distinct)")
      }
    }
  }

  /// `numeric` names side or context features, each once; `numeric_buckets` is in range.
  private func checkNumeric(_ fail: (String) -> FileError) throws {
    if let numericBuckets, !Self.numericBucketRange.contains(numericBuckets) {
      throw fail(
        "numeric_buckets is \(numericBuckets); it must be in \(Self.numericBucketRange.lowerBound)"
          + "...\(Self.numericBucketRange.upperBound)")
    }
    guard let numeric else { return }
    let features = users.features + items.features + impressions.context
    var seen = Set<String>()
    for name in numeric {
      if !features.contains(name) {
        throw fail(
          "numeric names '\(name)', which is not a feature (users.features, items.features or"
            + " impressions.context)")
      }
      if !seen.insert(name).inserted { throw fail("numeric has '\(name)' twice") }
    }
  }

  /// `multi` names side or context features, none numeric, each with a separator;
  /// `multi_max_values` is in range. An id column is named as such: ids are single-valued.
  private func checkMulti(_ fail: (String) -> FileError) throws {
    if let multiMaxValues, !Self.multiMaxValuesRange.contains(multiMaxValues) {
      throw fail(
        "multi_max_values is \(multiMaxValues); it must be in \(Self.multiMaxValuesRange.lowerBound)"
          + "...\(Self.multiMaxValuesRange.upperBound)")
    }
    guard let multi else { return }
    let features = users.features + items.features + impressions.context
    let ids =
      [
        ("impressions.user_id", impressions.userId), ("impressions.item_id", impressions.itemId),
        ("impressions.domain", impressions.domain), ("users.id", users.id), ("items.id", items.id),
      ] + (items.authorId.map { [("items.author_id", $0)] } ?? [])
    for (name, separator) in multi.sorted(by: { $0.key < $1.key }) {
      if !features.contains(name), let (role, _) = ids.first(where: { $0.1 == name }) {
        throw fail("multi names '\(name)', the \(role) column: ids and domains have one value per row")
      }
      if !features.contains(name) {
        throw fail(
          "multi names '\(name)', which is not a feature (users.features, items.features or"
            + " impressions.context)")
      }
      if separator.isEmpty { throw fail("multi.\(name) is an empty separator") }
      if isNumeric(name) {
        throw fail("'\(name)' is in both numeric and multi: a numeric feature has one number per cell")
      }
    }
  }

  /// `items.domain_separator` splits `items.domain`'s cells: only with it, and not empty.
  private func checkItemDomain(_ fail: (String) -> FileError) throws {
    guard let separator = items.domainSeparator else { return }
    if items.domain == nil {
      throw fail("items.domain_separator is set but items.domain is not: it splits that column's cells")
    }
    if separator.isEmpty {
      throw fail("items.domain_separator is empty: leave it out for one domain per cell")
    }
  }

  /// Within one file, a column has one role. A label or oracle column that is also a feature
  /// leaks the answer into the model; an id that is also the domain mixes two meanings.
  private func checkColumnRoles(_ fail: (String) -> FileError) throws {
    var impressionRoles: [(role: String, column: String)] = [
      ("impressions.user_id", impressions.userId), ("impressions.item_id", impressions.itemId),
      ("impressions.domain", impressions.domain),
    ]
    impressionRoles += impressions.context.map { ("impressions.context", $0) }
    impressionRoles += impressions.tasks.map { ("impressions.tasks", $0) }
    for (task, column) in (impressions.oracle ?? [:]).sorted(by: { $0.key < $1.key }) {
      impressionRoles.append(("impressions.oracle.\(task)", column))
    }
    let userRoles = [("users.id", users.id)] + users.features.map { ("users.features", $0) }
    let itemRoles =
      [("items.id", items.id)] + (items.authorId.map { [("items.author_id", $0)] } ?? [])
      + items.features.map { ("items.features", $0) } + (items.domain.map { [("items.domain", $0)] } ?? [])
    for roles in [impressionRoles, userRoles, itemRoles] {
      var first: [String: String] = [:]
      for (role, column) in roles {
        guard let earlier = first[column] else {
          first[column] = role
          continue
        }
        let answers = ["impressions.tasks", "impressions.oracle"]
        let leaks = [earlier, role].contains { r in answers.contains { r.hasPrefix($0) } }
        let why = leaks ? "; a label or oracle column used elsewhere leaks the answer" : ""
        throw fail("column '\(column)' is both \(earlier) and \(role): a column may have one role\(why)")
      }
    }
  }

  /// Every file named must lie inside the dataset folder: no absolute path, no `..`, so a schema
  /// cannot make pepnet read (and copy into `pipeline.json` or error messages) a file elsewhere.
  /// The three splits must be different files.
  private func checkFileNames(_ fail: (String) -> FileError) throws {
    let files = [
      ("users.file", users.file), ("items.file", items.file), ("splits.train", splits.train),
      ("splits.valid", splits.valid), ("splits.test", splits.test),
    ]
    for (key, name) in files {
      let components = name.split(separator: "/", omittingEmptySubsequences: false)
      if name.isEmpty || name.hasPrefix("/") || components.contains("..") || name.contains("\0") {
        throw fail(
          "\(key) is '\(name)': a file name must be a relative path inside the dataset folder (no leading '/', no '..')"
        )
      }
    }
    var seen: [[Substring]: String] = [:]
    for (key, name) in files.suffix(3) {
      let normal = name.split(separator: "/").filter { $0 != "." }
      if let earlier = seen[normal] {
        throw fail("\(earlier) and \(key) both name '\(name)': the train, valid and test splits must differ")
      }
      seen[normal] = key
    }
  }
}
