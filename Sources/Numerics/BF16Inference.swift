/// The bf16 copies of a model's weight matrices, made once per model load and shared read-only by
/// every scoring thread. Looked up by the identity of the fp32 matrix (replicas share it).
public final class BF16WeightSet {
  private let matrices: [Matrix]
  private let table: [ObjectIdentifier: BF16Matrix]

  public init(_ weights: [Matrix]) {
    matrices = weights
    var table: [ObjectIdentifier: BF16Matrix] = [:]
    for m in weights where table[ObjectIdentifier(m)] == nil { table[ObjectIdentifier(m)] = BF16Matrix(m) }
    self.table = table
  }

  public var count: Int { table.count }

  public subscript(_ weight: Matrix) -> BF16Matrix? { table[ObjectIdentifier(weight)] }
}

/// A bf16 forward pass in progress on the current thread: while `run` executes, layers that find
/// their weight in `weights` compute with `matmul` instead of fp32 GEMM (see `Dense.forward`).
///
/// Thread-local rather than a model property so that the model and its weight-sharing replicas stay
/// precision-free: the scorer decides per call, and fp32 calls run exactly the code they always did.
public final class BF16Inference {
  public let weights: BF16WeightSet
  public let matmul: BF16Matmul

  public init(weights: BF16WeightSet) {
    self.weights = weights
    matmul = BF16Matmul()
  }

  /// Runs `body` with this pass current on the calling thread (nestable; restores the previous one).
  public func run<T>(_ body: () throws -> T) rethrows -> T { try Self.slot.run(self, body) }

  /// The pass current on this thread, or nil (fp32).
  @inline(__always) public static var current: BF16Inference? { slot.current }

  private static let slot = ThreadPassSlot<BF16Inference>()
}
