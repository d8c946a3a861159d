/// Issue 12's bad-input cases (docs/errors.md, "Added for issue 12: layout"), run by
/// `ErrorCaseTests.failsWithOneLine`.
///
/// `explore --weights` and `rank --weights` share one parser (`BlendWeights` in PepnetText), so the
/// explorer now refuses what `rank` refuses, in `rank`'s words. An MMoE or PLE `config.json` with no
/// experts is refused as `train --experts 0` is (it would score every item alike).
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
    bundle(
      "rank_config_mmoe_without_experts",
      "pepnet: {d}/b/config.json: model.expertCount is 0; it must be in 1...1024"
    ) { s in
      try s.editJSON("b/config.json") { config in
        var model = config["model"] as! [String: Any]
        model["architecture"] = "mmoe"
        model["expertCount"] = 0
        config["model"] = model
      }
    },
  ]
}
