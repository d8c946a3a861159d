import PepnetNumerics

/// How strongly each user responds to the same item features.
///
/// In the base world every user reacts to an item's duration, quality and author in the same way;
/// only the level (propensities) and the category interests are personal. Real viewers differ in
/// the response itself: some finish long videos and some skip anything past a minute (duration is
/// the strongest driver of watch time in short-video feeds, and its effect is user-dependent, see
/// Kuaishou's work on duration bias); some care about production quality and some do not; a user
/// who follows creators follows the followable ones, while for others the author barely matters.
/// With `userSensitivity = s` > 0, each user gets, from a separate random stream:
///
/// - a duration slope `g[u] ~ N(0, (0.6 s)^2)` added to long_view's logit times the duration
///   (short -1, mid 0, long +1), and half of it to like's;
/// - a quality gain `m[u] = exp(N(0, (0.6 s)^2) - (0.6 s)^2 / 2)` (mean 1) multiplying the item-
///   and author-quality terms of every task;
/// - a follow gain, drawn like `m[u]`, multiplying the author's followability in follow.
struct UserSensitivity {
  var durationSlope: [Double] = []
  var qualityGain: [Double] = []
  var followGain: [Double] = []

  init?(config: GeneratorConfig) {
    let s = config.userSensitivity
    guard s > 0 else { return nil }
    let sd = 0.6 * s
    var rng = SeededRNG(seed: config.seed &* 0xA24B_AED4_963E_E407 &+ 31)
    for _ in 0..<config.users {
      durationSlope.append(rng.normal(sd))
      qualityGain.append(Foundation_exp(rng.normal(sd) - sd * sd / 2))
      followGain.append(Foundation_exp(rng.normal(sd) - sd * sd / 2))
    }
  }

  /// Adds the user's own responses to the logits the base world computed for this impression.
  @inline(__always) func add(
    user: Int, item: Int, world: SyntheticWorld, into z: UnsafeMutablePointer<Double>
  ) {
    let duration = Double(world.itemDuration[item] - 1)
    z[0] += durationSlope[user] * duration
    z[1] += 0.5 * durationSlope[user] * duration
    let gain = qualityGain[user] - 1
    let q = world.itemQuality[item]
    let author = world.itemAuthor[item]
    let aq = world.authorQuality[author]
    for t in 0..<world.taskCount {
      z[t] += gain * (SyntheticWorld.qualityWeight[t] * q + SyntheticWorld.authorWeight[t] * aq)
    }
    z[4] += (followGain[user] - 1) * world.authorFollowability[author]
  }
}
