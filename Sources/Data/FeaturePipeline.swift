import Foundation
import PepnetModel

/// Turns raw (user, item, domain, context) into the model's input ids, and knows everything that
/// requires: vocabularies, the user and item catalogs, and the domain-side statistics. Built once
/// from a dataset's train split; Codable, so the model bundle stores it and serving needs nothing else.
///
/// Layout of one encoded row (the order of `fields`):
/// - general: `user_id`, `item_id`, `author_id` (the PPNet prior fields; no `author_id` when the
///   schema names no author column), then the user features, the item features and the context
///   features of the schema, in schema order;
/// - domain-side: `domain`, then `user_domain_impressions` and `user_domain_<task>_rate` for each
///   statistics task, then the same for the item.
///
/// Serving without context uses each context field's most frequent train value (`contextDefaults`).
///
/// A multi-valued feature (the schema's `multi`) takes `maxValues` id slots in an encoded row
/// instead of one (`MultiValueFormat`); ids are laid out field by field, so `generalIdWidth` ids
/// per row for `generalFieldCount` fields.
public struct FeaturePipeline: Codable, Sendable {
  public static let formatVersion = 1

  public let schema: DatasetSchema
  public let options: PipelineOptions
  public let domains: Vocabulary
  public let userIds: Vocabulary
  public let itemIds: Vocabulary
  public let authorIds: Vocabulary
  public let userFeatures: [Vocabulary]
  public let itemFeatures: [Vocabulary]
  public let context: [Vocabulary]
  /// Per context field, the index used when a request gives no value: the most frequent train value.
  public let contextDefaults: [Int32]
  public let users: UserCatalog
  public let items: ItemCatalog
  public let statistics: DomainStatistics
  /// Per domain (schema order), the catalogue indices of the items with train impressions in
  /// that domain, ascending: what `rank` and the explorer rank within by default. Nil in a bundle
  /// made before candidate sets existed: such a bundle ranks the whole catalogue.
  public let candidates: [[Int32]]?

  // Derived from the above (not encoded).
  private var userGeneral: [Int32] = []
  private var itemGeneral: [Int32] = []
  private var userStatsRows: [Int32] = []
  private var itemStatsRows: [Int32] = []
  /// `contextDefaults` in id slots (a multi-valued field's default is its most frequent value).
  private var contextDefaultIds: [Int32] = []

  init(
    schema: DatasetSchema, options: PipelineOptions, userIds: Vocabulary, itemIds: Vocabulary,
    authorIds: Vocabulary, userFeatures: [Vocabulary], itemFeatures: [Vocabulary], context: [Vocabulary],
    contextDefaults: [Int32], users: UserCatalog, items: ItemCatalog, statistics: DomainStatistics,
    candidates: [[Int32]]?
  ) {
    self.schema = schema
    self.options = options
    domains = Vocabulary(name: "domain", fixed: schema.domains)
    self.userIds = userIds
    self.itemIds = itemIds
    self.authorIds = authorIds
    self.userFeatures = Self.withFormats(userFeatures, schema: schema)
    self.itemFeatures = Self.withFormats(itemFeatures, schema: schema)
    self.context = Self.withFormats(context, schema: schema)
    self.contextDefaults = contextDefaults
    self.users = users
    self.items = items
    self.statistics = statistics
    self.candidates = candidates
    prepare()
  }

  /// The vocabularies with the schema's multi-valued formats and, for those and numeric ones,
  /// its missing values (neither is stored in the vocabulary's JSON).
  static func withFormats(_ vocabularies: [Vocabulary], schema: DatasetSchema) -> [Vocabulary] {
    let missing = schema.missingValues
    return vocabularies.map { v in
      var v = v
      v.multi = schema.multiValueFormat(of: v.name)
      if v.isNumeric || v.multi != nil { v.missing = missing }
      return v
    }
  }

  private mutating func prepare() {
    let uw = userWidth, iw = itemWidth
    userGeneral = [Int32](repeating: 0, count: users.count * uw)
    userStatsRows = [Int32](repeating: -1, count: users.count)
    userGeneral.withUnsafeMutableBufferPointer { out in
      for u in 0..<users.count {
        out[u * uw] = userIds.index(of: users.ids[u])
        var k = u * uw + 1
        for f in 0..<userFeatures.count {
          userFeatures[f].writeIds(of: users.features[f][u], into: out.baseAddress! + k)
          k += userFeatures[f].slots
        }
      }
    }
    for u in 0..<users.count { userStatsRows[u] = statistics.users.row(of: users.ids[u]) }
    itemGeneral = [Int32](repeating: 0, count: items.count * iw)
    itemStatsRows = [Int32](repeating: -1, count: items.count)
    itemGeneral.withUnsafeMutableBufferPointer { out in
      for i in 0..<items.count {
        out[i * iw] = itemIds.index(of: items.ids[i])
        out[i * iw + 1] = authorIds.index(of: items.authors[i])
        var k = i * iw + 2
        for f in 0..<itemFeatures.count {
          itemFeatures[f].writeIds(of: items.features[f][i], into: out.baseAddress! + k)
          k += itemFeatures[f].slots
        }
      }
    }
    for i in 0..<items.count { itemStatsRows[i] = statistics.items.row(of: items.ids[i]) }
    contextDefaultIds = zip(context, contextDefaults).flatMap { v, id in v.ids(ofIndex: id) }
  }

  // MARK: Shape

  /// Ids per user in the general row: user id, then user features' slots.
  var userWidth: Int { 1 + Self.slots(userFeatures) }
  /// Ids per item in the catalogue's general block: item id, author id, then item features'
  /// slots (the author slot is kept, and left out of encoded rows, when there is no author).
  var itemWidth: Int { 2 + Self.slots(itemFeatures) }
  /// Id slots of the context fields.
  var contextWidth: Int { Self.slots(context) }
  static func slots(_ vocabularies: [Vocabulary]) -> Int { vocabularies.reduce(0) { $0 + $1.slots } }
  /// Whether the schema names an author column: then `author_id` is a (prior) field.
  public var hasAuthor: Bool { schema.items.authorId != nil }
  /// The item's prior ids in an encoded row: item id, then the author if there is one.
  var itemPriorCount: Int { hasAuthor ? 2 : 1 }

  public var tasks: [String] { schema.tasks }
  public var taskCount: Int { schema.tasks.count }
  public var domainNames: [String] { schema.domains }
  public var generalFieldCount: Int {
    1 + itemPriorCount + userFeatures.count + itemFeatures.count + context.count
  }
  /// Ids per encoded general row: `generalFieldCount` unless a feature is multi-valued.
  public var generalIdWidth: Int { 1 + itemPriorCount + userWidth - 1 + itemWidth - 2 + contextWidth }
  public var domainSideFieldCount: Int { 1 + 2 * statistics.idsPerEntity }

  /// The model's fields, general then domain-side, in encoding order.
  public var fields: [FieldSpec] {
    func general(_ v: Vocabulary) -> FieldSpec {
      FieldSpec(name: v.name, vocabularySize: v.size, role: .general, maxValues: v.multi?.maxValues)
    }
    var f = arrangedGeneral(
      user: [FieldSpec(name: "user_id", vocabularySize: userIds.size, role: .general, isPrior: true)]
        + userFeatures.map(general),
      item: [
        FieldSpec(name: "item_id", vocabularySize: itemIds.size, role: .general, isPrior: true),
        FieldSpec(name: "author_id", vocabularySize: authorIds.size, role: .general, isPrior: true),
      ] + itemFeatures.map(general),
      context: context.map(general))
    f.append(FieldSpec(name: "domain", vocabularySize: domains.size, role: .domainSide))
    f += statistics.fieldSpecs(entity: "user", table: statistics.users)
    f += statistics.fieldSpecs(entity: "item", table: statistics.items)
    return f
  }

  /// The index of a domain name (0-based, schema order), nil if unknown.
  public func domainIndex(of name: String) -> Int? { schema.domains.firstIndex(of: name) }

  // MARK: Resolving raw ids

  /// General ids and statistics row of a raw user (features OOV if not in the catalog).
  func resolveUser(_ raw: String) -> (general: [Int32], statsRow: Int32, catalogIndex: Int?) {
    if let u = users.index(of: raw) {
      return (Array(userGeneral[u * userWidth..<(u + 1) * userWidth]), userStatsRows[u], u)
    }
    let g: [Int32] = [userIds.index(of: raw)] + userFeatures.flatMap { $0.ids(ofIndex: 0) }
    return (g, statistics.users.row(of: raw), nil)
  }

  /// General ids (item id, author, features) and statistics row of a raw item.
  func resolveItem(_ raw: String) -> (general: [Int32], statsRow: Int32, catalogIndex: Int?) {
    if let i = items.index(of: raw) {
      return (Array(itemGeneral[i * itemWidth..<(i + 1) * itemWidth]), itemStatsRows[i], i)
    }
    let g: [Int32] = [itemIds.index(of: raw), 0] + itemFeatures.flatMap { $0.ids(ofIndex: 0) }
    return (g, statistics.items.row(of: raw), nil)
  }

  /// Writes a row's domain-side ids. `fold` (train rows only) selects out-of-fold rates.
  @inline(__always) func writeDomainSide(
    domain: Int, userStatsRow: Int32, itemStatsRow: Int32, fold: Int?, into out: UnsafeMutablePointer<Int32>
  ) {
    out[0] = Int32(domain + 1)
    statistics.write(table: statistics.users, row: userStatsRow, domain: domain, fold: fold, into: out + 1)
    statistics.write(
      table: statistics.items, row: itemStatsRow, domain: domain, fold: fold,
      into: out + 1 + statistics.idsPerEntity)
  }

  // MARK: Serving

  /// One encoded sample.
  public struct EncodedRow: Equatable, Sendable {
    public var general: [Int32]
    public var domainSide: [Int32]
  }

  /// Context ids (`contextWidth` slots) for raw values by field name; missing fields take their
  /// default.
  public func contextIds(_ values: [String: String]) -> [Int32] {
    context.enumerated().flatMap { k, v in
      values[v.name].map { v.ids(of: $0) } ?? v.ids(ofIndex: contextDefaults[k])
    }
  }

  /// Encodes any raw (user, item, domain, context). Unknown ids map to the OOV slot; an unknown
  /// domain is an error.
  public func encode(user: String, item: String, domain: String, context values: [String: String] = [:])
    throws
    -> EncodedRow
  {
    guard let d = domainIndex(of: domain) else {
      throw FileError(
        path: "request",
        problem: "unknown domain '\(domain)' (known: \(schema.domains.joined(separator: ", ")))")
    }
    for v in context {
      if let format = v.multi, let cell = values[v.name],
        let problem = format.problem(cell: cell, feature: v.name, missing: v.missing)
      {
        throw FileError(path: "request", problem: problem)
      }
    }
    let u = resolveUser(user)
    let i = resolveItem(item)
    let general = arrangedGeneral(user: u.general, item: i.general, context: contextIds(values))
    var domainSide = [Int32](repeating: 0, count: domainSideFieldCount)
    domainSide.withUnsafeMutableBufferPointer {
      writeDomainSide(
        domain: d, userStatsRow: u.statsRow, itemStatsRow: i.statsRow, fold: nil, into: $0.baseAddress!)
    }
    return EncodedRow(general: general, domainSide: domainSide)
  }

  /// Encodes catalog user `user` with catalog item `item` in domain `domain` (0-based) straight
  /// into `general` (generalIdWidth ids) and `domainSide` (domainSideFieldCount ids); `ctx` is
  /// `contextWidth` context ids (nil: the defaults).
  @inline(__always) public func encode(
    user: Int, item: Int, domain: Int, context ctx: [Int32]? = nil, general: UnsafeMutablePointer<Int32>,
    domainSide: UnsafeMutablePointer<Int32>
  ) {
    let uw = userWidth, iw = itemWidth
    userGeneral.withUnsafeBufferPointer { users in
      itemGeneral.withUnsafeBufferPointer { items in
        (ctx ?? contextDefaultIds).withUnsafeBufferPointer { c in
          arrangeGeneral(
            user: UnsafeBufferPointer(rebasing: users[user * uw..<(user + 1) * uw]),
            item: UnsafeBufferPointer(rebasing: items[item * iw..<(item + 1) * iw]), context: c,
            into: UnsafeMutableBufferPointer(start: general, count: generalIdWidth))
        }
      }
    }
    writeDomainSide(
      domain: domain, userStatsRow: userStatsRows[user], itemStatsRow: itemStatsRows[item], fold: nil,
      into: domainSide)
  }

  /// Fills `batch` with one row per catalog item for catalog user `user` in `domain`: the input
  /// for ranking a catalog. Labels are zero with mask 0; `batch.users` holds `user`.
  public func fillRanking(
    _ batch: Batch, user: Int, items itemIndices: some Collection<Int>, domain: Int,
    context ctx: [Int32]? = nil
  ) {
    batch.resize(count: itemIndices.count)
    precondition(batch.generalIdWidth == generalIdWidth, "batch shaped for another pipeline")
    let g = generalIdWidth, s = domainSideFieldCount
    batch.labels.zero()
    batch.labelMask.zero()
    batch.generalIds.withUnsafeMutableBufferPointer { gp in
      batch.domainSideIds.withUnsafeMutableBufferPointer { sp in
        for (r, item) in itemIndices.enumerated() {
          encode(
            user: user, item: item, domain: domain, context: ctx, general: gp.baseAddress! + r * g,
            domainSide: sp.baseAddress! + r * s)
        }
      }
    }
    for r in 0..<itemIndices.count {
      batch.domains[r] = Int32(domain)
      batch.users[r] = Int32(user)
    }
  }

  // MARK: Codable

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version", schema, options, domains, userIds = "user_ids", itemIds =
      "item_ids"
    case authorIds = "author_ids", userFeatures = "user_features", itemFeatures = "item_features", context
    case contextDefaults = "context_defaults", users, items, statistics, candidates
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let version = try c.decode(Int.self, forKey: .formatVersion)
    guard version == FeaturePipeline.formatVersion else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath, debugDescription: "unsupported feature pipeline version \(version)"))
    }
    schema = try c.decode(DatasetSchema.self, forKey: .schema)
    options = try c.decode(PipelineOptions.self, forKey: .options)
    domains = try c.decode(Vocabulary.self, forKey: .domains)
    userIds = try c.decode(Vocabulary.self, forKey: .userIds)
    itemIds = try c.decode(Vocabulary.self, forKey: .itemIds)
    authorIds = try c.decode(Vocabulary.self, forKey: .authorIds)
    // A numeric or multi-valued feature's missing values, and the multi-valued formats, are the
    // schema's: not stored twice.
    userFeatures = Self.withFormats(try c.decode([Vocabulary].self, forKey: .userFeatures), schema: schema)
    itemFeatures = Self.withFormats(try c.decode([Vocabulary].self, forKey: .itemFeatures), schema: schema)
    context = Self.withFormats(try c.decode([Vocabulary].self, forKey: .context), schema: schema)
    contextDefaults = try c.decode([Int32].self, forKey: .contextDefaults)
    users = try c.decode(UserCatalog.self, forKey: .users)
    items = try c.decode(ItemCatalog.self, forKey: .items)
    statistics = try c.decode(DomainStatistics.self, forKey: .statistics)
    candidates = try c.decodeIfPresent([[Int32]].self, forKey: .candidates)
    guard users.features.count == userFeatures.count, items.features.count == itemFeatures.count,
      contextDefaults.count == context.count, statistics.domainCount == schema.domains.count
    else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath, debugDescription: "feature pipeline parts do not match each other"))
    }
    // A default outside its vocabulary would index past the end of the embedding table.
    for (k, id) in contextDefaults.enumerated() where !(0..<Int32(context[k].size)).contains(id) {
      throw DecodingError.dataCorruptedError(
        forKey: .contextDefaults, in: c,
        debugDescription: "context_defaults[\(k)] is \(id), outside 0..<\(context[k].size)")
    }
    if let candidates {
      try Self.checkCandidates(candidates, domains: schema.domains.count, items: items.count, in: c)
    }
    prepare()
  }

  /// One set per domain, each strictly ascending inside the catalogue: a bad index would read
  /// past the catalogue's encoded rows.
  private static func checkCandidates(
    _ sets: [[Int32]], domains: Int, items: Int, in c: KeyedDecodingContainer<CodingKeys>
  ) throws {
    func refuse(_ problem: String) -> DecodingError {
      DecodingError.dataCorruptedError(forKey: .candidates, in: c, debugDescription: problem)
    }
    guard sets.count == domains else {
      throw refuse("candidates has \(sets.count) sets for \(domains) domains")
    }
    for (d, set) in sets.enumerated() {
      for (k, i) in set.enumerated() {
        guard (0..<Int32(items)).contains(i) else {
          throw refuse("candidates[\(d)][\(k)] is \(i), outside 0..<\(items)")
        }
        guard k == 0 || i > set[k - 1] else {
          throw refuse(
            "candidates[\(d)][\(k)] is \(i), not above candidates[\(d)][\(k - 1)] (each set ascends)")
        }
      }
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(FeaturePipeline.formatVersion, forKey: .formatVersion)
    try c.encode(schema, forKey: .schema)
    try c.encode(options, forKey: .options)
    try c.encode(domains, forKey: .domains)
    try c.encode(userIds, forKey: .userIds)
    try c.encode(itemIds, forKey: .itemIds)
    try c.encode(authorIds, forKey: .authorIds)
    try c.encode(userFeatures, forKey: .userFeatures)
    try c.encode(itemFeatures, forKey: .itemFeatures)
    try c.encode(context, forKey: .context)
    try c.encode(contextDefaults, forKey: .contextDefaults)
    try c.encode(users, forKey: .users)
    try c.encode(items, forKey: .items)
    try c.encode(statistics, forKey: .statistics)
    try c.encodeIfPresent(candidates, forKey: .candidates)
  }
}
