/// The bf16 copies of a model's weight matrices for training: each weight as is (for the forward
/// GEMM) and transposed (for dX = dY Wᵀ). The fp32 matrices stay the master weights the optimiser
/// updates; `refresh` converts them again, once per optimiser step, so no GEMM converts a weight.
public final class BF16TrainingWeights {
  public struct Copies {
    public let plain: BF16Matrix
    public let transposed: BF16Matrix
  }

  private let masters: [Matrix]
  private let table: [ObjectIdentifier: Copies]

  public init(_ weights: [Matrix]) {
    var masters: [Matrix] = []
    var table: [ObjectIdentifier: Copies] = [:]
    for m in weights where table[ObjectIdentifier(m)] == nil {
      masters.append(m)
      table[ObjectIdentifier(m)] = Copies(
        plain: BF16Matrix(m, transposed: false), transposed: BF16Matrix(m, transposed: true))
    }
    self.masters = masters
    self.table = table
  }

  public var count: Int { table.count }

  /// Converts every master weight into its bf16 copies again (after the optimiser moved them).
  public func refresh() {
    for m in masters {
      let copies = table[ObjectIdentifier(m)]!
      copies.plain.update(from: m)
      copies.transposed.update(from: m, transposed: true)
    }
  }

  public subscript(_ weight: Matrix) -> Copies? { table[ObjectIdentifier(weight)] }
}

/// A bf16 training pass (forward and backward) in progress on the current thread: while `run`
/// executes, Dense layers whose weight is in `weights` run their three GEMMs through `gemm` (bf16
/// operands, fp32 accumulation) instead of OpenBLAS. Everything else (element-wise work, the loss,
/// the optimiser, the master weights) stays fp32.
///
/// Thread-local, like `BF16Inference`, so that the model and its replicas stay precision-free and
/// fp32 training runs exactly the code it always did. One pass per thread (it owns `gemm`); the
/// weights are shared.
public final class BF16Training {
  public let weights: BF16TrainingWeights
  public let gemm: BF16Gemm

  public init(weights: BF16TrainingWeights) {
    self.weights = weights
    gemm = BF16Gemm()
  }

  /// Runs `body` with this pass current on the calling thread (restores the previous one).
  public func run<T>(_ body: () throws -> T) rethrows -> T { try Self.slot.run(self, body) }

  /// The pass current on this thread, or nil (fp32).
  @inline(__always) public static var current: BF16Training? { slot.current }

  private static let slot = ThreadPassSlot<BF16Training>()
}
