import Foundation

/// Issue 14 items 4-7's cases of docs/errors.md (compare and what-if): `--edit` of `rank`, `gates`
/// and `explore --snapshot --view whatif`, and the compare view's options, run by
/// `ErrorCaseTests.failsWithOneLine`.
extension ErrorCases {
  static func rankArguments(_ s: Scratch) -> [String] {
    ["rank", "--model", model(s), "--user", "u1", "--domain", "featured"]
  }

  static let compareCases: [ErrorCase] = [
    c("rank_edit_unknown_feature", 1, "pepnet: unknown profile or context feature 'agee'; closest: age*") {
      s in
      rankArguments(s) + ["--edit", "agee=50+"]
    },
    c(
      "rank_edit_item_feature", 1,
      "pepnet: 'category' is an item feature; a what-if edits the user's profile or the context"
    ) { s in
      rankArguments(s) + ["--edit", "category=pets"]
    },
    c("gates_edit_unknown_value", 1, "pepnet: unknown value of age '51+'; closest: *") { s in
      [
        "gates", "--model", model(s), "--user", "u1", "--domain", "featured", "--item", "i1", "--edit",
        "age=51+",
      ]
    },
    c(
      "rank_edit_malformed", 2,
      "pepnet: --edit must look like name=value (e.g. age=50+), got 'age' (see 'pepnet help')"
    ) { s in
      rankArguments(s) + ["--edit", "age"]
    },
    c("rank_edit_average_gates", 2, "pepnet: --edit applies to --gates own (see 'pepnet help')") { s in
      rankArguments(s) + ["--edit", "age=50+", "--gates", "average"]
    },
    c("explore_edit_without_whatif", 2, "pepnet: --edit applies to --view whatif (see 'pepnet help')") { s in
      ["explore", model(s), "--snapshot", "--edit", "age=50+"]
    },
    c("explore_whatif_unknown_value", 1, "pepnet explore: unknown value of hour '25'; closest: *") { s in
      ["explore", model(s), "--snapshot", "--view", "whatif", "--edit", "hour=25"]
    },
    c(
      "explore_versus_without_compare", 2,
      "pepnet: --versus-user and --versus-domain apply to --view compare (see 'pepnet help')"
    ) { s in
      ["explore", model(s), "--snapshot", "--versus-domain", "featured"]
    },
    c("explore_compare_unknown_domain", 1, "pepnet explore: unknown domain 'feature'; closest: featured*") {
      s in
      ["explore", model(s), "--snapshot", "--view", "compare", "--versus-domain", "feature"]
    },
  ]
}
