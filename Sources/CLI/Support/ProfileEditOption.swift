import ArgumentParser
import PepnetData
import PepnetInference

/// `--edit name=value` of `pepnet rank` and `pepnet gates` (issue 14 item 5): the request with a
/// profile or context feature of the user edited, the explorer's what-if from the command line.
enum ProfileEditOption {
  static let help: ArgumentHelp =
    "A what-if: a profile or context feature set to a value, e.g. age=50+ or hour=3 (repeatable)."

  /// `name=value` pairs; anything else is a usage error.
  static func pairs(_ texts: [String]) throws -> [(field: String, value: String)] {
    try texts.map { text in
      guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
        throw ValidationError("--edit must look like name=value (e.g. age=50+), got '\(text)'")
      }
      return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }
  }

  /// The edits resolved against the bundle; an unknown feature or value is a request error.
  static func overrides(_ texts: [String], bundle: ModelBundle) throws -> FeatureOverrides {
    try FeatureOverrides(pairs(texts), pipeline: bundle.pipeline)
  }
}
