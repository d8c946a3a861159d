/// Choices made when building a `FeaturePipeline` from the train split.
public struct PipelineOptions: Codable, Equatable, Sendable {
  /// Minimum train impressions for a user, item or author id to get its own index.
  public var idMinCount: Int
  /// Minimum train impressions for a value of a side or context feature.
  public var featureMinCount: Int
  /// Tasks whose per-domain positive rates become domain-side features (nil: the first task).
  public var statisticsTasks: [String]?
  /// Pseudo-impressions at the domain's mean rate added when smoothing rates.
  public var smoothing: Float
  /// Log2 impression-count buckets (1, 2-3, 4-7, ...), the last one open-ended.
  public var countBuckets: Int
  /// Quantile buckets for smoothed rates.
  public var rateBuckets: Int
  /// Folds for out-of-fold rate features on the train split.
  public var folds: Int

  public init(
    idMinCount: Int = 2, featureMinCount: Int = 1, statisticsTasks: [String]? = nil, smoothing: Float = 10,
    countBuckets: Int = 12, rateBuckets: Int = 10, folds: Int = 5
  ) {
    self.idMinCount = idMinCount
    self.featureMinCount = featureMinCount
    self.statisticsTasks = statisticsTasks
    self.smoothing = smoothing
    self.countBuckets = countBuckets
    self.rateBuckets = rateBuckets
    self.folds = folds
  }

  /// The accepted `id_min_count` and `feature_min_count`.
  public static let minCountRange = 1...1_000_000_000

  /// The defaults, overridden by the schema's `id_min_count`, `feature_min_count` and
  /// `statistics_tasks`, overridden in turn by the given counts (`train --id-min-count ...`).
  public init(schema: DatasetSchema, idMinCount: Int? = nil, featureMinCount: Int? = nil) {
    self.init()
    self.idMinCount = idMinCount ?? schema.idMinCount ?? self.idMinCount
    self.featureMinCount = featureMinCount ?? schema.featureMinCount ?? self.featureMinCount
    statisticsTasks = schema.statisticsTasks
  }

  enum CodingKeys: String, CodingKey {
    case idMinCount = "id_min_count", featureMinCount = "feature_min_count", statisticsTasks =
      "statistics_tasks"
    case smoothing, countBuckets = "count_buckets", rateBuckets = "rate_buckets", folds
  }
}
