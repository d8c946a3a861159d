/// One character cell of the screen: a scalar, an optional combining mark over it, and its style.
///
/// A wide character (two cells) keeps its scalar in the left cell; the right cell holds
/// `Cell.continuation` and is skipped when the grid is written or read as text.
public struct Cell: Equatable, Sendable {
  public var scalar: Unicode.Scalar
  public var style: Style
  /// A combining mark drawn over `scalar` (the first one written; further marks are dropped).
  public var mark: Unicode.Scalar?
  public init(_ scalar: Unicode.Scalar = " ", _ style: Style = .plain, mark: Unicode.Scalar? = nil) {
    self.scalar = scalar
    self.style = style
    self.mark = mark
  }
  public static let blank = Cell()
  /// The scalar of the right half of a wide character.
  public static let continuation: Unicode.Scalar = "\u{0}"
  /// Whether this cell is the right half of a wide character.
  public var isContinuation: Bool { scalar == Cell.continuation }
}
