/// How much each factor matters depends on the domain.
///
/// In the base world a domain shifts each task's rate (offsets) and a user's interests, but the
/// weight of every factor is the same in every domain. The PEPNet paper's case for EPNet is that
/// the same features matter differently per domain, and feeds behave that way: in the
/// double-column grid users choose what to open from a cover among many, so their interest in
/// the category decides most and production quality less; the featured tab is curated and
/// watched full screen, so what is shown is already on-interest and quality and the creator
/// decide more; the single-column feed sits between. With `domainImportance = s` > 0 the interest
/// term of every task is multiplied by `1 + s * (0.3, 0, -0.4)` and the item- and author-quality
/// terms by `1 + s * (-0.3, 0, 0.5)` in (double_column, single_column, featured).
enum DomainImportance {
  static let interestPattern: [Double] = [0.3, 0, -0.4]
  static let qualityPattern: [Double] = [-0.3, 0, 0.5]

  /// Adds the domain's extra (or missing) weight on interest and quality to the logits.
  @inline(__always) static func add(
    scale s: Double, world: SyntheticWorld, user: Int, item: Int, domain: Int,
    into z: UnsafeMutablePointer<Double>
  ) {
    let c = world.itemCategory[item]
    let a = world.affinity[(user * world.domainCount + domain) * world.categoryCount + c]
    let q = world.itemQuality[item]
    let aq = world.authorQuality[world.itemAuthor[item]]
    let interest = s * interestPattern[domain], quality = s * qualityPattern[domain]
    for t in 0..<world.taskCount {
      z[t] += interest * SyntheticWorld.affinityWeight[t] * a
      z[t] += quality * (SyntheticWorld.qualityWeight[t] * q + SyntheticWorld.authorWeight[t] * aq)
    }
  }
}
