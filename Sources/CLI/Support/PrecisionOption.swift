import ArgumentParser
import PepnetInference
import PepnetModel
import PepnetNumerics

extension RequestedPrecision: ExpressibleByArgument {}

/// `--precision auto|fp32|bf16`: the help text, and the oneDNN pass for commands that run the model
/// directly rather than through a `Scorer` (`gates`, `eval`).
enum PrecisionOption {
  /// `autoMeans` says what `auto` picks for this command.
  static func help(autoMeans: String) -> ArgumentHelp {
    ArgumentHelp(
      "Arithmetic of the forward pass: auto, fp32 or bf16 (bf16 needs AVX512-BF16 or AMX; fp32 otherwise). auto: \(autoMeans)."
    )
  }

  /// Runs `body` at `precision`, inside the oneDNN pass a `Scorer` uses (bf16: over `model`'s
  /// weights converted once, here), with `threads` OpenMP threads for oneDNN, so that `gates` and
  /// `eval` compute what `rank` and the explorer do.
  static func run<T>(
    _ precision: Precision, model: RecommenderModel, threads: Int = 1, _ body: () throws -> T
  ) rethrows -> T {
    OneDNN.setThreadsForThisThread(threads)
    return try Scorer.pass(for: precision, model: model).run(body)
  }
}
