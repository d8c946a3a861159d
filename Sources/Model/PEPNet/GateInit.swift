/// How the output layers of EPNet's and PPNet's Gate NUs start (`pepnet train --gate-init`,
/// issue 16).
public enum GateInit: String, Codable, Sendable, CaseIterable {
  /// As every Dense layer: uniform in ±1/sqrt(fan-in), so each gate starts at
  /// `gamma * sigmoid(small)`, about 1 ± 0.2 for gamma 2, different for every input.
  case uniform
  /// Zero weights and bias: every gate starts at exactly `gamma / 2` (1 for gamma 2) and learns
  /// only its deviation from there; the hidden layer keeps its uniform start, so the output
  /// layer's gradient is not zero.
  case zero
}

extension PEPNet {
  /// Applies `choice` to the gates of a freshly built model (`uniform` is how it was built).
  public func initialiseGates(_ choice: GateInit) {
    guard choice == .zero else { return }
    epnet?.gate.zeroOutputLayers()
    ppnet.gate?.zeroOutputLayers()
  }
}
