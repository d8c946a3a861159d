/// A mouse event in grid coordinates.
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Sendable { case click, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// Everything that can change the explorer's state: input, time, and results from the worker.
public enum Action: Sendable {
  case key(Key)
  case command(Command)
  case mouse(MouseEvent)
  case resize(GridSize)
  /// The clock, in seconds (drives transitions and the tour).
  case tick(Double)
  case scoresComputed(user: Int, domain: Int, scores: [[Float]])
  case gatesComputed(user: Int, item: Int, domain: Int, readout: GateReadout, average: [Float])
  /// The population statistics for the overview (nil: the model has no gates).
  case populationComputed(ExplorerPopulation?)
  /// The effect of personalisation for a request (nil: the model cannot average these gates).
  case effectComputed(ExplorerEffectRequest, ExplorerEffect?)
  /// Select a user by catalog index (used by snapshots and scripts).
  case selectUser(Int)
  /// Highlight an item in the current ranking tab (used by snapshots and scripts).
  case highlightItem(Int)
}

/// Work that update asks the runtime to do; results come back as actions.
public enum Effect: Equatable, Sendable {
  case computeScores(user: Int, domain: Int)
  case computeGates(user: Int, item: Int, domain: Int)
  /// The overview's population statistics (once per session).
  case computePopulation
  /// The effect view's comparison of own against average gates.
  case computeEffect(ExplorerEffectRequest)
}
