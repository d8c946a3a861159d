/// Issue 12's bad-input cases (docs/errors.md, "Added for issue 12: layout"), run by
/// `ErrorCaseTests.failsWithOneLine`.
///
/// `explore --weights` and `rank --weights` share one parser (`BlendWeights` in PepnetText), so the
/// explorer now refuses what `rank` refuses, in `rank`'s words.
extension ErrorCases {
  static let layoutCases: [ErrorCase] = [
    c("explore_weights_named_twice", 2, "pepnet: --weights names task 'like' twice (see 'pepnet help')") {
      s in
      ["explore", model(s), "--snapshot", "--weights", "like=1,like=2"]
    },
    c(
      "explore_weights_all_zero", 2,
      "pepnet: --weights are all 0: every item would score 0 (see 'pepnet help')"
    ) {
      s in
      ["explore", model(s), "--snapshot", "--weights", "like=0"]
    },
  ]
}
