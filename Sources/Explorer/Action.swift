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
  /// Results of a what-if (the selection with `edits`).
  case editedScoresComputed(user: Int, domain: Int, edits: [ProfileField], scores: [[Float]])
  case editedGatesComputed(
    user: Int, item: Int, domain: Int, edits: [ProfileField], readout: GateReadout, average: [Float])
  /// The frame export (`x`) finished: the files written, or one line on what failed.
  case frameExported(paths: [String])
  case frameExportFailed(String)
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
  /// A what-if's model work: the selection with the user's profile or the context edited.
  case computeEditedScores(user: Int, domain: Int, edits: [ProfileField])
  case computeEditedGates(user: Int, item: Int, domain: Int, edits: [ProfileField])
  /// Write the frame on screen as SVG and HTML (`FrameExportWriter`).
  case exportFrame(FrameExportRequest)
  /// The overview's population statistics (once per session).
  case computePopulation
  /// The effect view's comparison of own against average gates.
  case computeEffect(ExplorerEffectRequest)
}
