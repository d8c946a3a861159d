/// `import.json`, which `pepnet import` writes beside the dataset it made: what the dataset was
/// imported from (the log's file name and its rows), and the mark by which a later import knows the
/// folder as one it may replace whole (as `generator.json` marks a generated dataset).
public struct ImportRecord: Codable, Equatable, Sendable {
  public static let fileName = "import.json"
  /// The value of `format`: a JSON file that merely decodes is not taken for an import's record.
  public static let formatName = "pepnet-import"
  public static let currentVersion = 1

  public var format: String
  public var formatVersion: Int
  /// The log's file name (without its folder).
  public var log: String
  /// The log's rows, all splits together.
  public var rows: Int

  public init(log: String, rows: Int) {
    format = Self.formatName
    formatVersion = Self.currentVersion
    self.log = log
    self.rows = rows
  }

  enum CodingKeys: String, CodingKey { case format, formatVersion = "format_version", log, rows }

  /// Whether this is the record pepnet import writes (its format and a version this build knows).
  public var isPepnets: Bool { format == Self.formatName && formatVersion == Self.currentVersion }
}
