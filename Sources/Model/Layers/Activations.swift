import PepnetNumerics

/// `y = max(x, 0)`, in place or out of place, on strided views.
public enum ReLU {
  public static func forward(_ x: MatrixView, into y: MatrixView) {
    for r in 0..<x.rows { Kernels.relu(x.data + r * x.stride, y.data + r * y.stride, count: x.cols) }
  }

  /// `dx = dy * (y > 0)` from the layer's output y; dx may alias dy.
  public static func backward(output y: MatrixView, outputGradient dy: MatrixView, into dx: MatrixView) {
    for r in 0..<y.rows {
      Kernels.reluBackward(
        output: y.data + r * y.stride, dy.data + r * dy.stride, dx.data + r * dx.stride, count: y.cols)
    }
  }
}

/// `y = scale * sigmoid(x)`: the logistic function, stretched to (0, scale). Gate NU uses scale gamma.
public enum Sigmoid {
  public static func forward(_ x: MatrixView, into y: MatrixView, scale: Float = 1) {
    for r in 0..<x.rows {
      Kernels.scaledSigmoid(x.data + r * x.stride, y.data + r * y.stride, count: x.cols, scale: scale)
    }
  }

  /// `dx = dy * y * (1 - y / scale)` from the output y; dx may alias dy.
  public static func backward(
    output y: MatrixView, outputGradient dy: MatrixView, into dx: MatrixView, scale: Float = 1
  ) {
    for r in 0..<y.rows {
      Kernels.scaledSigmoidBackward(
        output: y.data + r * y.stride, dy.data + r * dy.stride, dx.data + r * dx.stride, count: y.cols,
        scale: scale)
    }
  }
}
