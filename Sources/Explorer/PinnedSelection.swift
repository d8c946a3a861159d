/// A (user, domain) pinned for comparison, with its rankings and the gates of its highlighted item.
public struct PinnedSelection: Sendable {
  public var user: Int
  public var domain: Int
  public var item: Int?
  public var rankings: Rankings
  public var gates: GateReadout?
  public var average: [Float]?
}

/// How compare mode shows the pinned selection against the current one.
public enum CompareStyle: Sendable {
  case sideBySide, difference
}
