/// A rectangle of cells: origin at the top left, `x` to the right, `y` down.
public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }

  /// Whether the cell (px, py) lies inside.
  public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
  /// The rectangle shrunk by `n` on every side.
  public func inset(_ n: Int) -> Rect {
    Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
  }
  /// Splits off `n` rows at the top: (top, rest).
  public func splitTop(_ n: Int) -> (Rect, Rect) {
    let h = min(max(0, n), height)
    return (
      Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h)
    )
  }
  /// Splits off `n` columns at the left: (left, rest).
  public func splitLeft(_ n: Int) -> (Rect, Rect) {
    let w = min(max(0, n), width)
    return (
      Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height)
    )
  }
  /// The single row `i` of this rectangle (empty if out of range).
  public func row(_ i: Int) -> Rect {
    i >= 0 && i < height ? Rect(x: x, y: y + i, width: width, height: 1) : .zero
  }
}

/// A terminal size in cells.
public struct GridSize: Equatable, Sendable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}
