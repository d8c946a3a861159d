import ArgumentParser
import PepnetText

/// `--weights` of `rank` and `explore`, parsed by the one `BlendWeights` parser; a malformed,
/// out-of-range, repeated or all-zero list is a usage error.
enum BlendWeightsOption {
  static func parse(_ text: String) throws -> BlendWeights {
    do { return try BlendWeights(parsing: text) } catch let problem as BlendWeights.Problem {
      throw ValidationError("--weights \(problem)")
    }
  }
}
