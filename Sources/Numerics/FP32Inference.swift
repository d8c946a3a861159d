/// An fp32 forward pass through oneDNN in progress on the current thread: while `run` executes,
/// every Dense layer computes with `matmul` (oneDNN's fp32 matmul, weights reordered once, bias
/// fused) instead of OpenBLAS's sgemm (see `Dense.forward`). Scoring and the gate
/// readouts run inside one; training does not, so its arithmetic is OpenBLAS's as before.
///
/// Thread-local, like `BF16Inference`, so that the model and its weight-sharing replicas stay
/// precision-free. The model's weights must not change while a pass lives: `matmul` keeps their
/// reordered copies.
public final class FP32Inference {
  public let matmul = FP32Matmul()

  public init() {}

  /// Runs `body` with this pass current on the calling thread (nestable; restores the previous one).
  public func run<T>(_ body: () throws -> T) rethrows -> T { try Self.slot.run(self, body) }

  /// The pass current on this thread, or nil.
  @inline(__always) public static var current: FP32Inference? { slot.current }

  private static let slot = ThreadPassSlot<FP32Inference>()
}

/// A forward pass at one precision through oneDNN (`FP32Inference` or `BF16Inference`): what the
/// scorer, the gate readouts and `gates`/`eval` run the model in.
public protocol InferencePass: AnyObject {
  func run<T>(_ body: () throws -> T) rethrows -> T
}

extension FP32Inference: InferencePass {}
extension BF16Inference: InferencePass {}
