/// The characters the view draws with: Unicode blocks and box lines, or an ASCII fallback for
/// terminals whose locale is not UTF-8.
public struct Glyphs: Sendable {
  /// Left-aligned partial blocks for 1/8 ... 8/8 of a cell (index 0 is 1/8).
  public var eighths: [Unicode.Scalar]
  /// A right-half block for bars growing leftwards (half resolution).
  public var rightHalf: Unicode.Scalar
  /// Vertical levels from low to high (8 steps), used by heatmaps.
  public var levels: [Unicode.Scalar]
  public var horizontal: Unicode.Scalar
  public var vertical: Unicode.Scalar
  public var topLeft: Unicode.Scalar
  public var topRight: Unicode.Scalar
  public var bottomLeft: Unicode.Scalar
  public var bottomRight: Unicode.Scalar
  public var ellipsis: Unicode.Scalar
  public var neutral: Unicode.Scalar
  public var track: Unicode.Scalar
  public var rankUp: Unicode.Scalar
  public var rankDown: Unicode.Scalar
  public var busy: Unicode.Scalar
  public var cursor: Unicode.Scalar
  public var mean: Unicode.Scalar
  public var separator: Unicode.Scalar
  /// After a user's or an item's id (or before a title): the model has no embedding of the id and
  /// scores it through the out-of-vocabulary one (`ExplorerUser.known`).
  public var unknown: Unicode.Scalar
  /// Whether every glyph (and so every written text) must be ASCII.
  public var isASCII = false

  public static let unicode = Glyphs(
    eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], rightHalf: "▐",
    levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], horizontal: "─", vertical: "│", topLeft: "╭",
    topRight: "╮", bottomLeft: "╰", bottomRight: "╯", ellipsis: "…", neutral: "│", track: "·",
    rankUp: "▲", rankDown: "▼", busy: "◌", cursor: "▶", mean: "μ", separator: "·",
    unknown: "°")

  public static let ascii = Glyphs(
    eighths: [" ", " ", " ", ":", ":", ":", ":", "#"], rightHalf: ":",
    levels: [".", ",", "-", "~", "=", "+", "*", "#"], horizontal: "-", vertical: "|", topLeft: "+",
    topRight: "+", bottomLeft: "+", bottomRight: "+", ellipsis: "~", neutral: "|", track: ".",
    rankUp: "^", rankDown: "v", busy: "*", cursor: ">", mean: "m", separator: "-",
    unknown: "?", isASCII: true)
}
