/// One character cell of the screen: a single-width scalar and its style.
public struct Cell: Equatable, Sendable {
  public var scalar: Unicode.Scalar
  public var style: Style
  public init(_ scalar: Unicode.Scalar = " ", _ style: Style = .plain) {
    self.scalar = scalar
    self.style = style
  }
  public static let blank = Cell()
}
