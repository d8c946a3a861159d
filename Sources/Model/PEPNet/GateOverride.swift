/// Gate values substituted for a PEPNet's own in the forward pass, for inference only: the
/// ranking an average user would get (`pepnet rank --gates average`, issue 14). Each value given
/// replaces the gate network's output for every row of the batch; the rest of the forward pass is
/// unchanged. Backward is not defined with an override (the gates are constants, not outputs).
public struct GateOverride: Sendable, Equatable {
  /// EPNet's gate row (`fields * dim` values element-wise, `fields` field-wise), or nil to keep
  /// the model's own.
  public var epnet: [Float]?
  /// PPNet's gate per task and gated layer, `ppnet[task][layer]` (as `GateInspector` reads them),
  /// or nil to keep the model's own.
  public var ppnet: [[[Float]]]?

  public init(epnet: [Float]? = nil, ppnet: [[[Float]]]? = nil) {
    self.epnet = epnet
    self.ppnet = ppnet
  }
}
