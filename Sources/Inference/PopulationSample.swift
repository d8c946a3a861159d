import PepnetNumerics

/// The seeded sample of (user, item) pairs behind the population statistics and the "average"
/// gates: `users` distinct catalog users drawn without replacement (all of them when the catalog
/// has fewer), each paired with `itemsPerUser` catalog items drawn uniformly with replacement.
/// The same pairs are shown in every domain, so domains are compared on the same users and items.
/// The same seed and sizes give the same sample on every machine (`SeededRNG`).
public struct PopulationSample: Sendable, Equatable {
  public static let defaultUsers = 256
  public static let defaultItemsPerUser = 8
  public static let defaultSeed: UInt64 = 7

  /// Catalog user indices, in drawing order.
  public let users: [Int]
  /// `items[k]`: the catalog items of `users[k]`.
  public let items: [[Int]]
  public let seed: UInt64

  /// Draws the sample from a catalog of `userCount` users and `itemCount` items.
  public init(
    userCount: Int, itemCount: Int, users size: Int = defaultUsers, itemsPerUser: Int = defaultItemsPerUser,
    seed: UInt64 = defaultSeed
  ) {
    precondition(size > 0 && itemsPerUser > 0, "a sample of at least one pair")
    var rng = SeededRNG(seed: seed)
    // A partial Fisher-Yates shuffle: the first `count` entries are a uniform sample.
    var pool = Array(0..<userCount)
    let count = min(size, userCount)
    for k in 0..<count { pool.swapAt(k, k + rng.below(userCount - k)) }
    users = Array(pool.prefix(count))
    items =
      itemCount == 0
      ? users.map { _ in [] } : users.map { _ in (0..<itemsPerUser).map { _ in rng.below(itemCount) } }
    self.seed = seed
  }

  /// Pairs per domain.
  public var pairCount: Int { items.reduce(0) { $0 + $1.count } }
  public var itemsPerUser: Int { items.first?.count ?? 0 }
}
