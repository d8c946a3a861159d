import PepnetNumerics

/// A named dense parameter with its gradient buffer and the optimiser's moment buffers.
///
/// Gradients accumulate (layers add into `grad`); the optimiser zeroes them after each step.
public final class Parameter {
  public let name: String
  /// The values; shared (the same matrix) between a model and its data-parallel replicas.
  public private(set) var value: Matrix
  public let grad: Matrix
  /// Adam's first and second moments, allocated by the optimiser on first use.
  var firstMoment: Matrix?
  var secondMoment: Matrix?

  public init(name: String, rows: Int, cols: Int) {
    self.name = name
    value = Matrix(rows: rows, cols: cols)
    grad = Matrix(rows: rows, cols: cols)
  }

  public var shape: [Int] { [value.rows, value.cols] }

  /// Makes this parameter read and update `other`'s values (for a data-parallel replica).
  public func shareValue(of other: Parameter) {
    precondition(other.value.rows == value.rows && other.value.cols == value.cols, "\(name): shape mismatch")
    value = other.value
  }

  /// Adds `other`'s gradient into this one and zeroes `other`'s.
  public func absorbGradient(of other: Parameter) {
    Kernels.axpy(1, other.grad.data, grad.data, count: grad.count)
    other.grad.zero()
  }

  /// Uniform in [-bound, bound], PyTorch's default for linear layers when bound = 1/sqrt(fanIn).
  public func initUniform(bound: Float, rng: inout SeededRNG) {
    for i in 0..<value.count { value.data[i] = (rng.uniform() * 2 - 1) * bound }
  }

  public func initNormal(std: Float, rng: inout SeededRNG) {
    for i in 0..<value.count { value.data[i] = rng.normal() * std }
  }
}
