import PepnetNumerics

/// The hidden state of the synthetic world: users, items and authors with their observable
/// attributes and latent parameters (tastes, domain shifts, task propensities, quality).
/// Everything is drawn once from the seed; see docs/generator.md for the model.
struct SyntheticWorld {
  static let tasteDims = 4
  let config: GeneratorConfig
  let domainCount = SyntheticVocabulary.domains.count
  let taskCount = SyntheticVocabulary.tasks.count
  let categoryCount = SyntheticVocabulary.categories.count

  // Users: observable attributes.
  var userAge: [Int] = [], userGender: [Int] = [], userCity: [Int] = [], userActivity: [Int] = []
  // Users: latent.
  /// Traffic volume (relative impressions).
  var userVolume: [Double] = []
  /// How far the user's tastes and engagement move between domains.
  var userShift: [Double] = []
  /// `users x domains`: relative preference for each domain.
  var userDomainWeight: [Double] = []
  /// `users x domains x categories`: interest in each category in each domain (the affinity).
  var affinity: [Double] = []
  /// `users x domains`: engagement offset in each domain (positive tasks).
  var domainEngagement: [Double] = []
  /// `users x tasks`: the user's own propensity for each task.
  var propensity: [Double] = []

  // Items and authors.
  var itemCategory: [Int] = [], itemDuration: [Int] = [], itemAuthor: [Int] = []
  var itemQuality: [Double] = [], itemPopularity: [Double] = []
  var itemTitle: [String] = []
  var authorQuality: [Double] = [], authorFollowability: [Double] = [], authorHome: [Int] = []

  /// `domains x categories`: global popularity of a category in a domain (enters the affinity).
  var domainCategory: [Double] = []
  /// Per task intercept, calibrated so the overall positive rate hits the target.
  var taskBias: [Double]

  // Fixed effect sizes, per task (long_view, like, comment, forward, follow, hate).
  static let affinityWeight: [Double] = [1.0, 0.9, 0.7, 0.7, 0.6, -0.8]
  static let engagementWeight: [Double] = [0.5, 1.0, 1.0, 1.0, 1.0, 0.0]
  static let qualityWeight: [Double] = [0.9, 0.8, 0.6, 0.8, 0.3, -0.6]
  static let authorWeight: [Double] = [0.5, 0.6, 0.5, 0.5, 0.6, -0.3]
  /// `tasks x domains`.
  static let domainOffset: [[Double]] = [
    [-0.25, 0.30, 0.10], [-0.15, 0.15, 0.35], [-0.10, 0.10, 0.30], [0.0, -0.15, 0.35], [-0.30, 0.10, 0.60],
    [0.25, -0.10, -0.30],
  ]
  /// long_view by domain and duration (short, mid, long).
  static let longViewDuration: [[Double]] = [[0.35, 0.0, -0.45], [0.25, 0.05, -0.2], [0.1, 0.1, 0.15]]
  /// Direction of each domain's engagement change for a user whose engagement sign is +1.
  static let domainEngagementPattern: [Double] = [-1.0, 1.0, 0.3]

  init(config: GeneratorConfig) {
    self.config = config
    taskBias = Array(repeating: 0, count: SyntheticVocabulary.tasks.count)
    var rng = SeededRNG(seed: config.seed &* 0x9E37_79B9_7F4A_7C15 &+ 17)
    makeGlobals(&rng)
    makeAuthors(&rng)
    makeItems(&rng)
    makeUsers(&rng)
  }

  private var categoryLoadings: [Double] = []
  private var domainDirection: [Double] = []

  private mutating func makeGlobals(_ rng: inout SeededRNG) {
    let k = SyntheticWorld.tasteDims
    // Unit-norm category loadings: affinity = loading . taste.
    for _ in 0..<categoryCount {
      var v = (0..<k).map { _ in rng.normal(1) }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      v = v.map { $0 / norm }
      categoryLoadings += v
    }
    // Domain directions, centred across domains so shifts are relative.
    var dirs = (0..<(domainCount * k)).map { _ in rng.normal(0.9) }
    for j in 0..<k {
      let mean = (0..<domainCount).reduce(0) { $0 + dirs[$1 * k + j] } / Double(domainCount)
      for d in 0..<domainCount { dirs[d * k + j] -= mean }
    }
    domainDirection = dirs
    domainCategory = (0..<(domainCount * categoryCount)).map { _ in rng.normal(0.35) }
  }

  private mutating func makeAuthors(_ rng: inout SeededRNG) {
    for _ in 0..<config.authors {
      authorQuality.append(rng.normal(0.35))
      authorFollowability.append(rng.normal(0.7))
      authorHome.append(rng.below(categoryCount))
    }
  }

  private mutating func makeItems(_ rng: inout SeededRNG) {
    let durations = DiscreteSampler(weights: SyntheticVocabulary.durationShares)
    // Prolific authors write more items.
    let authors = DiscreteSampler(weights: (0..<config.authors).map { 1 / (Double($0) + 5).squareRoot() })
    let authorOrder = (0..<config.authors).map { _ in rng.next() }
    for _ in 0..<config.items {
      let rank = authors.sample(&rng)
      let author = Int(authorOrder[rank] % UInt64(config.authors))
      let category = rng.bernoulli(0.8) ? authorHome[author] : rng.below(categoryCount)
      let quality = rng.normal(0.45)
      itemAuthor.append(author)
      itemCategory.append(category)
      itemDuration.append(durations.sample(&rng))
      itemQuality.append(quality)
      itemPopularity.append(Foundation_exp(rng.normal(0.8) + 0.4 * quality))
      itemTitle.append(TitleMaker.title(category: category, rng: &rng))
    }
  }

  private mutating func makeUsers(_ rng: inout SeededRNG) {
    let k = SyntheticWorld.tasteDims
    let ages = DiscreteSampler(weights: SyntheticVocabulary.ageShares)
    let cities = DiscreteSampler(weights: SyntheticVocabulary.cityShares)
    let activity = DiscreteSampler(weights: SyntheticVocabulary.activityShares)
    // Demographic taste means: part of each user's taste is predictable from age and gender.
    let ageGroups = SyntheticVocabulary.ageBands.count
    let demographic = (0..<(ageGroups * 2 * k)).map { _ in rng.normal(0.6) }
    for _ in 0..<config.users {
      let age = ages.sample(&rng)
      let gender = rng.below(2)
      let act = activity.sample(&rng)
      userAge.append(age)
      userGender.append(gender)
      userCity.append(cities.sample(&rng))
      userActivity.append(act)
      userVolume.append(SyntheticVocabulary.activityVolume[act] * Foundation_exp(rng.normal(0.25)))

      // Taste and its per-domain shift.
      let taste = (0..<k).map { demographic[(age * 2 + gender) * k + $0] + rng.normal(0.8) }
      let shift = rng.bernoulli(0.3) ? rng.uniform(0, 0.2) : rng.uniform(0.6, 1.6)
      userShift.append(shift)
      for d in 0..<domainCount {
        userDomainWeight.append(SyntheticVocabulary.domainShares[d] * Foundation_exp(rng.normal(0.7)))
        let own = (0..<k).map { _ in rng.normal(0.3) }
        let theta = (0..<k).map { taste[$0] + shift * (domainDirection[d * k + $0] + own[$0]) }
        for c in 0..<categoryCount {
          var a = domainCategory[d * categoryCount + c]
          for j in 0..<k { a += categoryLoadings[c * k + j] * theta[j] }
          affinity.append(a)
        }
      }
      // Engagement moves between domains in a user-specific direction and amount.
      let sign: Double = rng.bernoulli(0.5) ? 1 : -1
      for d in 0..<domainCount {
        domainEngagement.append(0.5 * shift * sign * SyntheticWorld.domainEngagementPattern[d])
      }

      // Task propensities: a shared engagement level plus task-specific user types.
      let engagement = rng.normal(0.35)
      let young = age <= 1
      let follower = rng.bernoulli([0.04, 0.08, 0.20][act] * (young ? 1.5 : 1))
      let commenter = rng.bernoulli(young ? 0.18 : 0.10)
      let hater = rng.bernoulli(0.05)
      propensity += [
        rng.normal(0.4) + [-0.1, 0.0, 0.2][act],
        engagement + rng.normal(0.4) + [0.2, 0.1, 0.0, -0.1, -0.2][age],
        engagement + (commenter ? 1.8 : 0) + rng.normal(0.2),
        engagement + rng.normal(0.5) + [-0.2, -0.1, 0.0, 0.2, 0.4][age],
        engagement + (follower ? 2.5 : 0) + rng.normal(0.2),
        (hater ? 2.3 : 0) + rng.normal(0.2),
      ]
    }
  }

  /// The latent logit of every task for one impression, without the calibrated intercept. Each
  /// field's terms are scaled by its planted importance in the domain (`FieldImportance`).
  @inline(__always) func logits(
    user: Int, item: Int, domain: Int, hour: Int, network: Int, into z: UnsafeMutablePointer<Double>
  ) {
    let c = itemCategory[item]
    let popularity = domainCategory[domain * categoryCount + c]
    let taste = affinity[(user * domainCount + domain) * categoryCount + c] - popularity
    let a =
      FieldImportance.categoryPopularity[domain] * popularity + FieldImportance.userTaste[domain] * taste
    let author = itemAuthor[item]
    let q = FieldImportance.itemQuality[domain] * itemQuality[item]
    let aq = FieldImportance.author[domain] * authorQuality[author]
    let eng = domainEngagement[user * domainCount + domain]
    let evening = hour >= 19 && hour <= 23
    let night = hour <= 5
    for t in 0..<taskCount {
      var v = SyntheticWorld.domainOffset[t][domain] + SyntheticWorld.affinityWeight[t] * a
      v += propensity[user * taskCount + t] + SyntheticWorld.engagementWeight[t] * eng
      v += SyntheticWorld.qualityWeight[t] * q + SyntheticWorld.authorWeight[t] * aq
      z[t] = v
    }
    let duration = FieldImportance.duration[domain]
    z[0] += duration * SyntheticWorld.longViewDuration[domain][itemDuration[item]]
    z[0] += FieldImportance.hour[domain] * (evening ? 0.15 : night ? 0.1 : hour < 12 ? -0.1 : 0)
    z[0] += FieldImportance.network[domain] * (network == 0 ? 0.1 : -0.1)
    z[1] += duration * [0.0, 0.05, 0.1][itemDuration[item]]
    z[4] += FieldImportance.author[domain] * authorFollowability[author]
  }
}

#if canImport(Glibc)
  import Glibc
  @inline(__always) func Foundation_exp(_ x: Double) -> Double { Glibc.exp(x) }
#else
  import Darwin
  @inline(__always) func Foundation_exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
