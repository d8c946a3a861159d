extension FeaturePipeline {
  /// Builds the pipeline from a dataset: reads the users and items files, then makes one pass
  /// over the train split to count ids, feature values and per-domain statistics. Only the
  /// train split is read, so nothing about valid or test leaks into features. `options`
  /// defaults to the schema's (`PipelineOptions(schema:)`).
  public static func build(dataset: Dataset, options: PipelineOptions? = nil) throws
    -> FeaturePipeline
  {
    let schema = dataset.schema
    let options = options ?? PipelineOptions(schema: schema)
    let users = try UserCatalog.load(path: dataset.usersPath, spec: schema.users, schema: schema)
    let items = try ItemCatalog.load(path: dataset.itemsPath, spec: schema.items, schema: schema)
    let missing = schema.missingValues
    // The catalogue's own candidate sets (`items.domain`), checked before the train split is read.
    let listed = try schema.items.domain.map {
      try ItemDomainCandidates.read(path: dataset.itemsPath, schema: schema, column: $0)
    }

    let statTasks = options.statisticsTasks ?? [schema.tasks[0]]
    let statTaskIndices = try statTasks.map { task -> Int in
      guard let i = schema.tasks.firstIndex(of: task) else {
        throw FileError(path: "options", problem: "statistics task '\(task)' is not a task of the schema")
      }
      return i
    }
    let folds = max(1, options.folds)

    let reader = try CSVReader(path: dataset.path(of: .train))
    let userCol = try reader.columnIndex(schema.impressions.userId)
    let itemCol = try reader.columnIndex(schema.impressions.itemId)
    let domainCol = try reader.columnIndex(schema.impressions.domain)
    let contextCols = try schema.impressions.context.map { try reader.columnIndex($0) }
    let statCols = try statTasks.map { try reader.columnIndex($0) }

    var userInterner = ByteInterner(capacity: 4096)
    var itemInterner = ByteInterner(capacity: 4096)
    var domainInterner = ByteInterner(capacity: 8)
    var domainOfLocal: [Int] = []
    var userCounts: [Int] = []
    var itemCounts: [Int] = []
    var contextInterners = contextCols.map { _ in ByteInterner(capacity: 64) }
    var contextCounts: [[Int]] = contextCols.map { _ in [] }
    let contextFormats = schema.impressions.context.map { schema.multiValueFormat(of: $0) }
    var stats = DomainStatisticsBuilder(
      domainCount: schema.domains.count, taskCount: statTasks.count, folds: folds)
    var labels = [Bool](repeating: false, count: statTasks.count)
    // seen[d][i]: local item i has a train impression in domain d (the candidate sets).
    var seen = schema.domains.map { _ in [Bool]() }
    var row = 0

    while try reader.next() {
      let u = Int(userInterner.intern(reader.field(userCol)))
      // Each distinct value is checked once: invalid UTF-8 is reported where it is.
      if u == userCounts.count {
        try reader.checkUTF8(userCol)
        userCounts.append(0)
      }
      userCounts[u] += 1
      let i = Int(itemInterner.intern(reader.field(itemCol)))
      if i == itemCounts.count {
        try reader.checkUTF8(itemCol)
        itemCounts.append(0)
        for d in seen.indices { seen[d].append(false) }
      }
      itemCounts[i] += 1
      let dl = Int(domainInterner.intern(reader.field(domainCol)))
      if dl == domainOfLocal.count {
        try reader.checkUTF8(domainCol)
        let name = domainInterner.string(Int32(dl))
        guard let d = schema.domains.firstIndex(of: name) else {
          throw reader.error(.unknownDomain(name), field: domainCol)
        }
        domainOfLocal.append(d)
      }
      seen[domainOfLocal[dl]][i] = true
      for (k, col) in contextCols.enumerated() {
        let v = Int(contextInterners[k].intern(reader.field(col)))
        if v == contextCounts[k].count {
          try reader.checkUTF8(col)
          try contextFormats[k]?.check(
            reader.string(col), missing: missing, reader: reader, field: col,
            column: schema.impressions.context[k])
          contextCounts[k].append(0)
        }
        contextCounts[k][v] += 1
      }
      for (k, col) in statCols.enumerated() {
        guard let y = FieldParsing.label(reader.field(col)) else {
          throw reader.error(.invalidLabel(column: statTasks[k], value: reader.string(col)), field: col)
        }
        labels[k] = y == 1
      }
      labels.withUnsafeBufferPointer {
        stats.add(
          user: Int32(u), item: Int32(i), domain: domainOfLocal[dl], fold: row % folds,
          labels: $0.baseAddress!)
      }
      row += 1
    }

    // Nothing to learn vocabularies or statistics from.
    if row == 0 { throw DataError(file: reader.path, line: 1, column: 1, kind: .noRows) }

    let userKeys = (0..<userCounts.count).map { userInterner.string(Int32($0)) }
    let itemKeys = (0..<itemCounts.count).map { itemInterner.string(Int32($0)) }

    // Id vocabularies.
    let userIds = Vocabulary(
      name: "user_id", counts: Dictionary(uniqueKeysWithValues: zip(userKeys, userCounts)),
      minCount: options.idMinCount)
    let itemIds = Vocabulary(
      name: "item_id", counts: Dictionary(uniqueKeysWithValues: zip(itemKeys, itemCounts)),
      minCount: options.idMinCount)

    // Side features and authors, counted over train impressions.
    var authorCounts: [String: Int] = [:]
    var userFeatureCounts = users.featureNames.map { _ in [String: Int]() }
    var itemFeatureCounts = items.featureNames.map { _ in [String: Int]() }
    // A multi-valued cell counts once for each of its values.
    func add(_ cell: String, _ n: Int, format: MultiValueFormat?, to counts: inout [String: Int]) {
      guard let format else {
        counts[cell, default: 0] += n
        return
      }
      for value in format.values(of: cell, missing: missing) { counts[value, default: 0] += n }
    }
    let userFormats = users.featureNames.map { schema.multiValueFormat(of: $0) }
    let itemFormats = items.featureNames.map { schema.multiValueFormat(of: $0) }
    for (u, key) in userKeys.enumerated() {
      guard let c = users.index(of: key) else { continue }
      for f in 0..<userFeatureCounts.count {
        add(users.features[f][c], userCounts[u], format: userFormats[f], to: &userFeatureCounts[f])
      }
    }
    for (i, key) in itemKeys.enumerated() {
      guard let c = items.index(of: key) else { continue }
      if schema.items.authorId != nil { authorCounts[items.authors[c], default: 0] += itemCounts[i] }
      for f in 0..<itemFeatureCounts.count {
        add(items.features[f][c], itemCounts[i], format: itemFormats[f], to: &itemFeatureCounts[f])
      }
    }
    // Values the schema calls missing get no index: they encode as the OOV slot everywhere.
    func known(_ counts: [String: Int]) -> [String: Int] { counts.filter { !missing.contains($0.key) } }
    let authorIds = Vocabulary(name: "author_id", counts: known(authorCounts), minCount: options.idMinCount)
    // Numeric features are cut at the train quantiles of their impression-weighted values.
    let buckets = schema.numericBuckets ?? DatasetSchema.defaultNumericBuckets
    func vocabulary(_ name: String, _ counts: [String: Int]) -> Vocabulary {
      schema.isNumeric(name)
        ? Vocabulary(name: name, numericCounts: counts, buckets: buckets, missing: missing)
        : Vocabulary(name: name, counts: known(counts), minCount: options.featureMinCount)
    }
    let userFeatures = zip(users.featureNames, userFeatureCounts).map(vocabulary)
    let itemFeatures = zip(items.featureNames, itemFeatureCounts).map(vocabulary)
    var contextVocabularies: [Vocabulary] = []
    var contextDefaults: [Int32] = []
    for (k, name) in schema.impressions.context.enumerated() {
      var counts: [String: Int] = [:]
      for (v, n) in contextCounts[k].enumerated() {
        add(contextInterners[k].string(Int32(v)), n, format: contextFormats[k], to: &counts)
      }
      let vocab = vocabulary(name, counts)
      contextVocabularies.append(vocab)
      // The index of the most frequent value that has one (index 1 for a categorical field).
      let mostFrequent = counts.filter { vocab.index(of: $0.key) != 0 }
        .max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
      contextDefaults.append(mostFrequent.map { vocab.index(of: $0.key) } ?? 0)
    }

    let statistics = stats.build(
      tasks: statTasks, taskIndices: statTaskIndices, userKeys: userKeys, itemKeys: itemKeys,
      smoothing: options.smoothing, countBuckets: options.countBuckets, rateBuckets: options.rateBuckets)

    // Catalogue indices, ascending: the items the catalogue lists for each domain when the schema
    // names an items.domain column, else those seen in it in training (an item of the log outside
    // the catalogue is no candidate).
    let candidates: [[Int32]]
    if let listed {
      candidates = listed
    } else {
      let catalogIndex = itemKeys.map { items.index(of: $0) }
      candidates = seen.map { flags in
        flags.indices.compactMap { flags[$0] ? catalogIndex[$0].map(Int32.init) : nil }.sorted()
      }
    }

    return FeaturePipeline(
      schema: schema, options: options, userIds: userIds, itemIds: itemIds, authorIds: authorIds,
      userFeatures: userFeatures, itemFeatures: itemFeatures, context: contextVocabularies,
      contextDefaults: contextDefaults, users: users, items: items, statistics: statistics,
      candidates: candidates)
  }
}
