import ArgumentParser
import PepnetInference
import PepnetModel
import PepnetNumerics

extension RequestedPrecision: ExpressibleByArgument {}

/// `--precision auto|fp32|bf16`: the help text, and the bf16 pass for commands that run the model
/// directly rather than through a `Scorer` (`gates`, `eval`).
enum PrecisionOption {
  /// `autoMeans` says what `auto` picks for this command.
  static func help(autoMeans: String) -> ArgumentHelp {
    ArgumentHelp(
      "Arithmetic of the forward pass: auto, fp32 or bf16 (bf16 needs AVX512-BF16 or AMX; fp32 otherwise). auto: \(autoMeans)."
    )
  }

  /// Runs `body` at `precision`: inside a bf16 pass over `model`'s weights (converted once, here)
  /// with `threads` OpenMP threads for oneDNN, or as is for fp32.
  static func run<T>(
    _ precision: Precision, model: RecommenderModel, threads: Int = 1, _ body: () throws -> T
  ) rethrows -> T {
    guard precision == .bf16 else { return try body() }
    OneDNN.setThreadsForThisThread(threads)
    return try BF16Inference(weights: Scorer.bf16Weights(of: model)).run(body)
  }
}
