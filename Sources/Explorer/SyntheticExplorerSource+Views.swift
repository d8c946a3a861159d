/// The synthetic model's overview and effect: stand-ins with the shapes a bundle's have, so tests and
/// the `--synthetic` demo can draw every view. (A bundle's numbers come from the Inference layer.)
extension SyntheticExplorerSource {
  /// The synthetic sample: every `userStride`-th user with `itemsPerUser` evenly spaced items.
  private var sampleUsers: [Int] { Array(stride(from: 0, to: users.count, by: max(1, users.count / 40))) }
  private var sampleItems: [Int] { Array(stride(from: 0, to: items.count, by: max(1, items.count / 4))) }

  public func population() -> ExplorerPopulation? {
    let users = sampleUsers
    let items = sampleItems
    var health = (values: 0, saturated: 0, neutral: 0)
    func note(_ v: Float) {
      health.values += 1
      if v < 0.05 || v > gamma - 0.05 { health.saturated += 1 }
      if abs(v - 1) < 0.05 { health.neutral += 1 }
    }
    var epnet: [[ExplorerSpread]] = []
    var ppnet: [[[ExplorerSpread]]] = []
    for d in domains.indices {
      // perUser[field][k] and perUserLayer[task][layer][k]: a user's mean over the sampled items.
      var perUser = [[Float]](repeating: [], count: fields.count)
      var perUserLayer = tasks.map { _ in towerWidths.map { _ in [Float]() } }
      for u in users {
        var fieldSums = [Float](repeating: 0, count: fields.count)
        var layerSums = tasks.map { _ in towerWidths.map { _ in Float(0) } }
        for i in items {
          let g = gates(user: u, item: i, domain: d)
          for (f, field) in g.epnet.enumerated() {
            fieldSums[f] += field.mean
            field.values.forEach(note)
          }
          for (t, layers) in g.ppnet.enumerated() {
            for (l, units) in layers.enumerated() {
              layerSums[t][l] += units.reduce(0, +) / Float(max(1, units.count))
              units.forEach(note)
            }
          }
        }
        let n = Float(items.count)
        for f in fields.indices { perUser[f].append(fieldSums[f] / n) }
        for t in tasks.indices {
          for l in towerWidths.indices { perUserLayer[t][l].append(layerSums[t][l] / n) }
        }
      }
      epnet.append(perUser.map(Self.spread))
      ppnet.append(perUserLayer.map { $0.map(Self.spread) })
    }
    var contrasts: [String] = []
    for (f, field) in fields.enumerated() {
      let column = epnet.map { $0[f].mean }
      guard let hi = column.indices.max(by: { column[$0] < column[$1] }),
        let lo = column.indices.min(by: { column[$0] < column[$1] }), column[lo] > 0
      else { continue }
      let ratio = column[hi] / column[lo]
      if ratio >= 1.2 {
        contrasts.append(
          "\(domains[hi]) amplifies \(field) \(NumberFormat.fixed(ratio, 2))× more than \(domains[lo])")
      }
    }
    let values = health.values
    return ExplorerPopulation(
      users: users.count, itemsPerUser: items.count, seed: 0, fields: fields, gamma: gamma, epnet: epnet,
      ppnet: ppnet, contrasts: Array(contrasts.prefix(3)),
      epnetHealth: ExplorerGateHealth(
        values: values, saturated: health.saturated, nearNeutral: health.neutral, units: fields.count, dead: 0
      ),
      ppnetHealth: ExplorerGateHealth(
        values: values, saturated: health.saturated, nearNeutral: health.neutral, units: 1, dead: 0))
  }

  /// A stand-in "average" ranking: the scores of a neighbouring user (EPNet), of the next domain
  /// (PPNet), or both, compared with the user's own.
  public func effect(user: Int, domain: Int, average: ExplorerAverageGates, weights: [Float], k: Int)
    -> ExplorerEffect?
  {
    guard weights.count == tasks.count, !items.isEmpty else { return nil }
    let otherUser = average == .ppnet ? user : (user + 1) % users.count
    let otherDomain = average == .epnet ? domain : (domain + 1) % domains.count
    func order(_ scores: [[Float]]) -> [Int] {
      let blend = items.indices.map { i in
        weights.indices.reduce(Float(0)) { $0 + weights[$1] * scores[$1][i] }
      }
      return blend.indices.sorted { blend[$0] != blend[$1] ? blend[$0] > blend[$1] : $0 < $1 }
    }
    let base = order(scores(user: otherUser, domain: otherDomain))
    let own = order(scores(user: user, domain: domain))
    var from = [Int](repeating: 0, count: items.count)
    var to = from
    for (r, i) in base.enumerated() { from[i] = r + 1 }
    for (r, i) in own.enumerated() { to[i] = r + 1 }
    let top = min(k, items.count)
    let baseTop = Set(base.prefix(top))
    let overlap = own.prefix(top).filter { baseTop.contains($0) }.count
    let n = Double(items.count)
    let squares = items.indices.reduce(0.0) { $0 + Double((from[$1] - to[$1]) * (from[$1] - to[$1])) }
    let moves = baseTop.union(own.prefix(top)).sorted().map {
      ExplorerMove(item: $0, from: from[$0], to: to[$0])
    }
    return ExplorerEffect(
      user: user, domain: domain, average: average, weights: weights, k: k, overlap: overlap,
      spearman: n < 2 ? 1 : 1 - 6 * squares / (n * (n * n - 1)),
      up: Array(
        moves.filter { $0.change > 0 }.sorted { ($0.change, -$0.to) > ($1.change, -$1.to) }.prefix(5)),
      down: Array(
        moves.filter { $0.change < 0 }.sorted { ($0.change, $0.to) < ($1.change, $1.to) }.prefix(5)),
      averageTop: base.prefix(top).map { ExplorerMove(item: $0, from: from[$0], to: to[$0]) })
  }

  /// Mean and linearly interpolated 10th/90th percentiles of per-user values.
  private static func spread(_ values: [Float]) -> ExplorerSpread {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return ExplorerSpread(mean: 0, p10: 0, p90: 0) }
    func quantile(_ q: Float) -> Float {
      let position = q * Float(sorted.count - 1)
      let below = Int(position)
      let above = min(below + 1, sorted.count - 1)
      return sorted[below] + (position - Float(below)) * (sorted[above] - sorted[below])
    }
    return ExplorerSpread(
      mean: sorted.reduce(0, +) / Float(sorted.count), p10: quantile(0.1), p90: quantile(0.9))
  }
}
