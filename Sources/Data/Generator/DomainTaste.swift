import PepnetNumerics

/// The part of each user's interests that belongs to one domain only.
///
/// In the base world a user's interest in a category differs between domains by a shared domain
/// direction scaled by one amount per user (a low-rank user-by-domain interaction) plus a small
/// per-domain term. Real users use each surface for something different: the featured tab for
/// what is trending or curated, the double-column grid for browsing, the single-column feed for
/// immersive entertainment; what someone watches in one is only partly predictable from what they
/// watch in another. With `domainTaste = rho` in (0, 1], each (user, domain) gets its own taste
/// vector `V[u][d] ~ N(0, I)` in the 4-d taste space (the base taste's spread), and the
/// taste-driven part of the interest is mixed with it:
///
///     A[u][d][c] = P[d][c] + sqrt(1 - rho^2) * (A0[u][d][c] - P[d][c]) + rho * L[c] . V[u][d]
///
/// so the spread of interests is unchanged and `rho^2` is the share of it that is specific to the
/// (user, domain) pair. Drawn from its own random stream, so the rest of the world is the same as
/// without it.
enum DomainTaste {
  static func mix(into world: inout SyntheticWorld) {
    let rho = min(max(world.config.domainTaste, 0), 1)
    guard rho > 0 else { return }
    let keep = (1 - rho * rho).squareRoot()
    let k = SyntheticWorld.tasteDims
    let domains = world.domainCount, categories = world.categoryCount
    var rng = SeededRNG(seed: world.config.seed &* 0xD1B5_4A32_D192_ED03 &+ 29)
    for u in 0..<world.config.users {
      for d in 0..<domains {
        let v = (0..<k).map { _ in rng.normal(1) }
        for c in 0..<categories {
          let cell = (u * domains + d) * categories + c
          let popularity = world.domainCategory[d * categories + c]
          var own = 0.0
          for j in 0..<k { own += world.categoryLoadings[c * k + j] * v[j] }
          world.affinity[cell] = popularity + keep * (world.affinity[cell] - popularity) + rho * own
        }
      }
    }
  }
}
