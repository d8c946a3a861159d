/// Colours and attributes of one cell. Colours are xterm-256 indices; the backend maps them down to
/// 8 colours or drops them (monochrome, `NO_COLOR`).
public struct Style: Hashable, Sendable {
  /// Foreground colour index, or `nil` for the terminal default.
  public var fg: UInt8?
  /// Background colour index, or `nil` for the terminal default.
  public var bg: UInt8?
  public var bold = false
  public var reverse = false
  public var dim = false
  public var underline = false

  public init(
    fg: UInt8? = nil, bg: UInt8? = nil, bold: Bool = false, reverse: Bool = false, dim: Bool = false,
    underline: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.reverse = reverse
    self.dim = dim
    self.underline = underline
  }

  public static let plain = Style()

  /// A copy with bold switched on.
  public var bolded: Style {
    var s = self
    s.bold = true
    return s
  }
  /// A copy with reverse video switched on.
  public var reversed: Style {
    var s = self
    s.reverse = true
    return s
  }
}
