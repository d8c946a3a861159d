/// The metrics of one slice of an evaluation: one task within one domain, or within all domains.
///
/// Undefined metrics are nil (an AUC over one class, a slice with no rows), and so is any metric
/// that came out non-finite (NaN scores), so a report always encodes to plain JSON; `nanScores`
/// says how many rows had a NaN score.
public struct SliceMetrics: Codable, Sendable, Equatable {
  /// The domain's name, or nil for all domains together.
  public var domain: String?
  public var task: String
  public var auc: Double?
  public var gauc: Double?
  public var logLoss: Double?
  /// Rows with a positive label.
  public var positives: Int
  /// Rows with a label for this task (rows whose label is masked out are not counted).
  public var impressions: Int
  /// The same metrics of the generator's true probabilities, when known: the ceiling for any model.
  public var oracleAUC: Double?
  public var oracleGAUC: Double?
  public var nanScores: Int
  /// The users GAUC averaged over (those with both classes in the slice); nil in reports written
  /// before it was counted. JSON key `gauc_users`.
  public var gaucUsers: Int?

  public init(
    domain: String?, task: String, auc: Double? = nil, gauc: Double? = nil, logLoss: Double? = nil,
    positives: Int = 0, impressions: Int = 0, oracleAUC: Double? = nil, oracleGAUC: Double? = nil,
    nanScores: Int = 0, gaucUsers: Int? = nil
  ) {
    self.domain = domain
    self.task = task
    self.auc = auc
    self.gauc = gauc
    self.logLoss = logLoss
    self.positives = positives
    self.impressions = impressions
    self.oracleAUC = oracleAUC
    self.oracleGAUC = oracleGAUC
    self.nanScores = nanScores
    self.gaucUsers = gaucUsers
  }

  enum CodingKeys: String, CodingKey {
    case domain, task, auc, gauc, logLoss, positives, impressions, oracleAUC, oracleGAUC, nanScores
    case gaucUsers = "gauc_users"
  }

  /// As the synthesised encoding, except that the all-domains slice writes `"domain": null`
  /// (docs/cli.md), where the synthesised one leaves the key out.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(domain, forKey: .domain)
    try c.encode(task, forKey: .task)
    try c.encodeIfPresent(auc, forKey: .auc)
    try c.encodeIfPresent(gauc, forKey: .gauc)
    try c.encodeIfPresent(logLoss, forKey: .logLoss)
    try c.encode(positives, forKey: .positives)
    try c.encode(impressions, forKey: .impressions)
    try c.encodeIfPresent(oracleAUC, forKey: .oracleAUC)
    try c.encodeIfPresent(oracleGAUC, forKey: .oracleGAUC)
    try c.encode(nanScores, forKey: .nanScores)
    try c.encodeIfPresent(gaucUsers, forKey: .gaucUsers)
  }
}
