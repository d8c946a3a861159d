import PepnetNumerics

/// A stack of Dense layers with ReLU after each (optionally not after the last), keeping its
/// activations for the backward pass.
public final class MLP {
  public let layers: [Dense]
  public let activateLast: Bool
  private let activations: [Matrix]
  private let gradients: [Matrix]

  /// `dims = [input, hidden..., output]`.
  public init(name: String, dims: [Int], activateLast: Bool, rng: inout SeededRNG) {
    precondition(dims.count >= 2, "an MLP needs at least one layer")
    layers = (0..<(dims.count - 1)).map {
      Dense(name: "\(name).layer\($0)", inputs: dims[$0], outputs: dims[$0 + 1], rng: &rng)
    }
    self.activateLast = activateLast
    activations = (1..<dims.count).map { Matrix(rows: 0, cols: dims[$0]) }
    gradients = (1..<dims.count).map { Matrix(rows: 0, cols: dims[$0]) }
  }

  public var parameters: [Parameter] { layers.flatMap(\.parameters) }
  public var output: Matrix { activations[activations.count - 1] }
  public var outputWidth: Int { layers[layers.count - 1].outputs }

  public func forward(_ x: MatrixView) {
    var h = x
    for (l, layer) in layers.enumerated() {
      let out = activations[l]
      out.resize(rows: x.rows)
      layer.forward(h, into: out.view)
      if l < layers.count - 1 || activateLast { ReLU.forward(out.view, into: out.view) }
      h = out.view
    }
  }

  /// Back-propagates dLoss/dOutput; writes (or adds) dLoss/dInput into `inputGradient` if given.
  public func backward(
    input x: MatrixView, outputGradient dy: MatrixView, inputGradient dx: MatrixView?,
    accumulate: Bool = false
  ) {
    let last = layers.count - 1
    let top = gradients[last]
    top.resize(rows: x.rows)
    Kernels.copy(dy, into: top.view)
    for l in stride(from: last, through: 0, by: -1) {
      let d = gradients[l]
      if l < last || activateLast {
        ReLU.backward(output: activations[l].view, outputGradient: d.view, into: d.view)
      }
      let input = l == 0 ? x : activations[l - 1].view
      if l > 0 {
        gradients[l - 1].resize(rows: x.rows)
        layers[l].backward(input: input, outputGradient: d.view, inputGradient: gradients[l - 1].view)
      } else {
        layers[l].backward(
          input: input, outputGradient: d.view, inputGradient: dx, accumulateInputGradient: accumulate)
      }
    }
  }
}
