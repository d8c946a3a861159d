/// The planted per-domain importance of the observable fields (EPNet's ground truth, issue 16):
/// the factor by which a field's terms of every true logit are scaled in each domain, 1 being
/// the weight of the world before issue 16. Each domain's factors describe how that surface is
/// used (docs/generator.md, "Fields matter differently per domain"):
///
/// - double_column is a two-column grid where the user picks from covers: the user's own taste
///   counts most, the item's quality and the category's popularity less;
/// - single_column plays full-screen, one video after another: whether a video is watched
///   through depends most on its duration and on the context (hour, network);
/// - featured is curated: the item's quality, the category's popularity and the author count
///   most, the user's own taste least.
enum FieldImportance {
  /// `(field, factor per domain)` in the order of `SyntheticVocabulary.domains`; every field is
  /// a column the model sees (the user's taste enters through `user_id`).
  static let table: [(field: String, factors: [Double])] = [
    ("user_id", [1.4, 1.0, 0.6]),
    ("item_id", [0.7, 1.1, 1.6]),
    ("author_id", [0.8, 1.0, 1.4]),
    ("category", [0.6, 1.0, 1.6]),
    ("duration", [0.8, 1.5, 0.7]),
    ("hour", [0.8, 1.4, 0.9]),
    ("network", [0.9, 1.5, 0.7]),
  ]

  static func factors(of field: String) -> [Double] {
    table.first { $0.field == field }!.factors
  }

  /// The factors per domain, read once by the world's logit.
  static let userTaste = factors(of: "user_id")
  static let itemQuality = factors(of: "item_id")
  static let author = factors(of: "author_id")
  static let categoryPopularity = factors(of: "category")
  static let duration = factors(of: "duration")
  static let hour = factors(of: "hour")
  static let network = factors(of: "network")
}
