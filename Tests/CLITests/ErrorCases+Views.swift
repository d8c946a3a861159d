/// Issue 14's cases of docs/errors.md for `pepnet explore --snapshot --view` and `--average`, run by
/// `ErrorCaseTests.failsWithOneLine`.
extension ErrorCases {
  static func viewUsage(_ name: String, _ arguments: [String], _ message: String) -> ErrorCase {
    c(name, 2, message + " (see 'pepnet help')") { s in ["explore", s.fixture.model] + arguments }
  }

  static let viewCases: [ErrorCase] = [
    viewUsage(
      "explore_view_unknown", ["--snapshot", "--view", "nope"],
      "pepnet: The value 'nope' is invalid for '--view <view>'. Please provide one of 'main', 'overview', 'effect', 'compare' or 'whatif'."
    ),
    viewUsage(
      "explore_view_without_snapshot", ["--view", "overview"], "pepnet: --view applies to --snapshot"),
    viewUsage(
      "explore_average_without_effect", ["--snapshot", "--average", "average"],
      "pepnet: --average applies to --view effect"),
    viewUsage(
      "explore_average_unknown", ["--snapshot", "--view", "effect", "--average", "mean"],
      "pepnet: The value 'mean' is invalid for '--average <average>'. Please provide one of 'average-epnet', 'average-ppnet' or 'average'."
    ),
  ]
}
