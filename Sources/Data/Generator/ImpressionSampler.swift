import PepnetNumerics

/// Draws who sees what, where and when: a user by traffic volume, a domain by the user's
/// preference, a category (half the time targeted at the user's interests in that domain, as a
/// recommender would; otherwise by global popularity), an item of that category by popularity,
/// and the context (hour of day, network).
struct ImpressionSampler {
  struct Impression {
    var user: Int, item: Int, domain: Int, hour: Int, network: Int
  }

  static let targetedShare = 0.5
  let world: SyntheticWorld
  private let users: DiscreteSampler
  private let domains: [DiscreteSampler]
  /// `users x domains` category samplers weighted by exp(affinity).
  private let targeted: [DiscreteSampler]
  private let categories: DiscreteSampler
  private let itemsByCategory: [[Int]]
  private let itemSamplers: [DiscreteSampler?]
  private let hours = DiscreteSampler(weights: SyntheticVocabulary.hourShares)
  private let networks = DiscreteSampler(weights: SyntheticVocabulary.networkShares)

  init(world: SyntheticWorld) {
    self.world = world
    let d = world.domainCount, c = world.categoryCount
    users = DiscreteSampler(weights: world.userVolume)
    domains = (0..<world.config.users).map {
      DiscreteSampler(weights: Array(world.userDomainWeight[$0 * d..<($0 + 1) * d]))
    }
    var targeted: [DiscreteSampler] = []
    targeted.reserveCapacity(world.config.users * d)
    for cell in 0..<(world.config.users * d) {
      targeted.append(DiscreteSampler(weights: (0..<c).map { Foundation_exp(world.affinity[cell * c + $0]) }))
    }
    self.targeted = targeted
    var byCategory = [[Int]](repeating: [], count: c)
    for (i, cat) in world.itemCategory.enumerated() { byCategory[cat].append(i) }
    itemsByCategory = byCategory
    itemSamplers = byCategory.map {
      $0.isEmpty ? nil : DiscreteSampler(weights: $0.map { world.itemPopularity[$0] })
    }
    categories = DiscreteSampler(weights: byCategory.map { $0.isEmpty ? 0 : Double($0.count) })
  }

  @inline(__always) func sample(_ rng: inout SeededRNG) -> Impression {
    let user = users.sample(&rng)
    let domain = domains[user].sample(&rng)
    var category: Int
    if rng.bernoulli(ImpressionSampler.targetedShare) {
      category = targeted[user * world.domainCount + domain].sample(&rng)
    } else {
      category = categories.sample(&rng)
    }
    if itemSamplers[category] == nil { category = categories.sample(&rng) }
    let item = itemsByCategory[category][itemSamplers[category]!.sample(&rng)]
    return Impression(
      user: user, item: item, domain: domain, hour: hours.sample(&rng), network: networks.sample(&rng))
  }
}
