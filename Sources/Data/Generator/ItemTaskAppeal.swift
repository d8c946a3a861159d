import PepnetNumerics

/// What makes people react to an item differs by reaction.
///
/// In the base world an item acts on every task through one quality score (and its author's), so
/// the tasks rank items alike and a shared network loses nothing by sharing. On real feeds the
/// reactions have their own drivers: controversial videos collect comments and "not interested"
/// clicks without likes, useful or funny ones (recipes, travel tips, parenting advice, jokes) are
/// forwarded to friends far more than they are liked, and a video with a strong hook is watched to
/// the end by people who never react to it. This is the task seesaw the PEPNet paper names. With
/// `itemTaskAppeal = s` > 0, each item gets, from a separate random stream:
///
/// - controversy `K[i] ~ N(0, (0.8 s)^2)` (plus 0.3 s in sports, cars, beauty, fashion):
///   comment +0.9 K, hate +0.9 K, like -0.3 K;
/// - shareability `H[i] ~ N(0, (0.8 s)^2)` (plus 0.4 s in food, travel, comedy, education,
///   parenting): forward +1.0 H, like +0.2 H;
/// - hook `W[i] ~ N(0, (0.6 s)^2)`: long_view +1.0 W.
struct ItemTaskAppeal {
  static let controversialCategories: Set<String> = ["sports", "cars", "beauty", "fashion"]
  static let shareableCategories: Set<String> = ["food", "travel", "comedy", "education", "parenting"]
  var controversy: [Double] = []
  var shareability: [Double] = []
  var hook: [Double] = []

  init?(config: GeneratorConfig, itemCategory: [Int]) {
    let s = config.itemTaskAppeal
    guard s > 0 else { return nil }
    var rng = SeededRNG(seed: config.seed &* 0x94D0_49BB_1331_11EB &+ 37)
    for c in itemCategory {
      let name = SyntheticVocabulary.categories[c].name
      controversy.append(
        rng.normal(0.8 * s) + (ItemTaskAppeal.controversialCategories.contains(name) ? 0.3 * s : 0))
      shareability.append(
        rng.normal(0.8 * s) + (ItemTaskAppeal.shareableCategories.contains(name) ? 0.4 * s : 0))
      hook.append(rng.normal(0.6 * s))
    }
  }

  /// Adds the item's task-specific drivers to the logits (long_view, like, comment, forward,
  /// follow, hate).
  @inline(__always) func add(item: Int, into z: UnsafeMutablePointer<Double>) {
    let k = controversy[item], h = shareability[item]
    z[0] += hook[item]
    z[1] += -0.3 * k + 0.2 * h
    z[2] += 0.9 * k
    z[3] += h
    z[5] += 0.9 * k
  }
}
