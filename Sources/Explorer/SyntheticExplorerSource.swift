import Foundation

/// A deterministic fake model for tests, demos and the hidden `--synthetic` flag.
///
/// Scores come from dot products of seeded user, item and domain vectors; gates vary smoothly with the
/// user index and the domain. `scores` takes a realistic latency (a few ms) unless told otherwise, on
/// the clock it is given (tests give a manual one, so the latency passes without sleeping).
public final class SyntheticExplorerSource: ExplorerDataSource, @unchecked Sendable {
  public let title: String
  public let users: [ExplorerUser]
  public let items: [ExplorerItem]
  public let domains = ["double-feed", "single-feed", "featured"]
  public let tasks = ["like", "follow", "forward", "comment", "longview"]
  /// General fields gated by EPNet, in model order.
  public let fields = [
    "user_id", "item_id", "author_id", "age", "gender", "city_tier", "device", "category",
    "duration", "hour",
  ]
  public let embeddingDim = 8
  /// Gated widths of the task towers (input of each layer, pre-gating).
  public let towerWidths = [80, 64, 32]
  public let gamma: Float = 2
  /// Target wall time of one `scores` call, in seconds.
  public let latency: Double
  private let clock: ExplorerClock

  private let rank = 16
  private let userVectors: [[Float]]
  private let itemVectors: [[Float]]
  private let taskVectors: [[Float]]
  private let domainVectors: [[Float]]
  private let itemBias: [Float]
  private let ppnetBase: [[[Float]]]
  private var averages: [[Float]] = []

  /// Creates the source; `latency` (seconds) pads `scores` to a realistic model cost.
  public init(
    seed: UInt64 = 42, userCount: Int = 300, itemCount: Int = 400, latency: Double = 0.004,
    clock: ExplorerClock = SystemClock()
  ) {
    var rng = SeededGenerator(seed: seed)
    self.latency = latency
    self.clock = clock
    self.title = "synthetic PEPNet · EPNet 10x8 element-wise · PPNet 80-64-32 pre-gate"
    let ages = ["18-24", "25-34", "35-44", "45-54", "55+"]
    let genders = ["F", "M", "?"]
    let tiers = ["tier1", "tier2", "tier3", "tier4"]
    let devices = ["android", "iphone", "ipad", "web"]
    let interests = [
      "sports", "music", "food", "games", "travel", "pets", "tech", "comedy", "beauty", "news",
    ]
    let activity = ["new", "casual", "daily", "heavy"]
    var users: [ExplorerUser] = []
    for u in 0..<userCount {
      let features = [
        ProfileField(name: "age", value: ages[rng.index(ages.count)]),
        ProfileField(name: "gender", value: genders[rng.index(genders.count)]),
        ProfileField(name: "city", value: tiers[rng.index(tiers.count)]),
        ProfileField(name: "device", value: devices[rng.index(devices.count)]),
        ProfileField(name: "interest", value: interests[rng.index(interests.count)]),
        ProfileField(name: "activity", value: activity[rng.index(activity.count)]),
        ProfileField(name: "follows", value: String(rng.index(400))),
        ProfileField(name: "days_active", value: String(1 + rng.index(900))),
      ]
      users.append(ExplorerUser(id: "u\(1000 + u * 7)", features: features))
    }
    self.users = users
    let adjectives = [
      "Sunset", "Tiny", "Epic", "Quiet", "Midnight", "Rainy", "Golden", "Wild", "Urban", "Lazy", "Spicy",
      "Frozen", "Neon", "Secret", "Crispy", "Cosy",
    ]
    let nouns = [
      "drone flight", "street food tour", "cat compilation", "piano cover", "speedrun", "hiking trail",
      "dance challenge", "bike repair", "ramen recipe", "stand-up bit", "makeup tutorial", "puppy training",
      "city timelapse", "chess blunder", "garden update", "phone review",
    ]
    let categories = [
      "sports", "music", "food", "games", "travel", "pets", "tech", "comedy", "beauty", "news",
    ]
    let durations = ["<15s", "15-30s", "30-60s", "1-3m", ">3m"]
    var items: [ExplorerItem] = []
    for i in 0..<itemCount {
      let title = "\(adjectives[rng.index(adjectives.count)]) \(nouns[rng.index(nouns.count)])"
      let features = [
        ProfileField(name: "category", value: categories[rng.index(categories.count)]),
        ProfileField(name: "author", value: "a\(200 + rng.index(120))"),
        ProfileField(name: "duration", value: durations[rng.index(durations.count)]),
        ProfileField(name: "age_days", value: String(rng.index(60))),
        ProfileField(name: "views", value: "\(1 + rng.index(990))k"),
      ]
      items.append(ExplorerItem(id: "v\(50_000 + i * 13)", title: title, features: features))
    }
    self.items = items
    func vectors(_ n: Int, _ dim: Int, _ scale: Float) -> [[Float]] {
      (0..<n).map { _ in (0..<dim).map { _ in rng.signedUnit() * scale } }
    }
    userVectors = vectors(userCount, rank, 0.7)
    itemVectors = vectors(itemCount, rank, 0.7)
    taskVectors = vectors(5, rank, 0.6)
    domainVectors = vectors(3, rank, 0.5)
    itemBias = (0..<itemCount).map { _ in rng.signedUnit() * 0.8 }
    let widths = towerWidths
    ppnetBase = (0..<5).map { _ in widths.map { w in (0..<w).map { _ in rng.signedUnit() * 1.6 } } }
    averages = (0..<3).map { d in self.sampleAverage(domain: d) }
  }

  /// Mean field gate over a fixed sample of users and items in a domain.
  private func sampleAverage(domain: Int) -> [Float] {
    var sums = [Float](repeating: 0, count: fields.count)
    var count: Float = 0
    for u in stride(from: 0, to: users.count, by: max(1, users.count / 24)) {
      for i in stride(from: 0, to: items.count, by: max(1, items.count / 8)) {
        for f in 0..<fields.count { sums[f] += fieldMean(user: u, item: i, domain: domain, field: f) }
        count += 1
      }
    }
    return sums.map { $0 / max(count, 1) }
  }

  private func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

  private func fieldMean(user: Int, item: Int, domain: Int, field: Int) -> Float {
    let u = Float(user)
    let phase = Float(field) * 1.7 + Float(domain) * 2.3
    let smooth = 0.9 * sin(u * 0.045 + phase) + 0.5 * cos(u * 0.013 + Float(field))
    let itemTerm = 0.25 * sin(Float(item) * 0.31 + Float(field))
    let domainTerm = Float(domain - 1) * (Float(field % 3) - 1) * 0.6
    return gamma * sigmoid(smooth + itemTerm + domainTerm)
  }

  public func scores(user: Int, domain: Int) -> [[Float]] {
    let start = clock.now
    let uv = userVectors[user]
    let dv = domainVectors[domain]
    var result = [[Float]](repeating: [Float](repeating: 0, count: items.count), count: tasks.count)
    for t in 0..<tasks.count {
      let tv = taskVectors[t]
      let bias: Float = [-1.2, -3.0, -3.3, -3.6, -0.9][t]
      for i in 0..<items.count {
        let iv = itemVectors[i]
        var dot: Float = 0
        for k in 0..<rank { dot += (uv[k] + dv[k]) * iv[k] * (1 + tv[k]) }
        result[t][i] = sigmoid(dot * 0.9 + itemBias[i] + bias + 0.3 * sin(Float(i + t * 11)))
      }
    }
    let elapsed = clock.now - start
    if latency > elapsed { clock.sleep(latency - elapsed) }
    return result
  }

  public func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    var epnet: [FieldGateReadout] = []
    for (f, name) in fields.enumerated() {
      let center = fieldMean(user: user, item: item, domain: domain, field: f)
      let values = (0..<embeddingDim).map { e -> Float in
        let wobble = 0.35 * sin(Float(e) * 1.3 + Float(user) * 0.02 + Float(f))
        return min(gamma, max(0, center + wobble * (1 - abs(center - 1) * 0.5)))
      }
      epnet.append(FieldGateReadout(field: name, values: values))
    }
    let u = Float(user)
    let ppnet = (0..<tasks.count).map { t in
      towerWidths.indices.map { l in
        ppnetBase[t][l].enumerated().map { k, base -> Float in
          let userTerm = 1.1 * sin(u * 0.2 + Float(k) * 0.21 + Float(t))
          let smooth = userTerm + 0.6 * cos(Float(k + l) + Float(domain) * 2.1)
          return gamma * sigmoid(base + smooth + 0.2 * sin(Float(item) * 0.17 + Float(k)))
        }
      }
    }
    return GateReadout(epnet: epnet, ppnet: ppnet, gamma: gamma)
  }

  public func averageEPNetGates(domain: Int) -> [Float] { averages[domain] }
}
