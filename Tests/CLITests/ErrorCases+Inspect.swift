import Foundation

/// Issue 11's cases of docs/errors.md for `pepnet inspect`, `rank --gates` and
/// `explore --snapshot --format` (issue 14), run by `ErrorCaseTests.failsWithOneLine`.
extension ErrorCases {
  static let inspectCases: [ErrorCase] = inspectOptions + inspectModels + rankGates + snapshotFormats

  static func inspectUsage(_ name: String, _ arguments: [String], _ message: String) -> ErrorCase {
    c(name, 2, message + " (see 'pepnet help')") { s in ["inspect", "--model", model(s)] + arguments }
  }

  /// `--sample` and `--seed` are checked before the bundle is read.
  static let inspectOptions: [ErrorCase] = [
    inspectUsage(
      "inspect_sample_zero", ["--sample", "0"],
      "pepnet: --sample must be a number of users in 1...100000, got 0"),
    inspectUsage(
      "inspect_sample_huge", ["--sample", "100001"],
      "pepnet: --sample must be a number of users in 1...100000, got 100001"),
    inspectUsage(
      "inspect_sample_not_a_number", ["--sample", "many"],
      "pepnet: The value 'many' is invalid for '--sample <sample>'"),
    inspectUsage(
      "inspect_seed_not_a_number", ["--seed", "x"], "pepnet: The value 'x' is invalid for '--seed <seed>'"),
  ]

  static let inspectModels: [ErrorCase] = [
    c("inspect_model_without_gates", 1, "pepnet: {dnn}: a dnn model has no gates") { s in
      s.vars["dnn"] = s.fixture.dnn
      return ["inspect", "--model", s.fixture.dnn]
    },
    c(
      "inspect_model_missing", 1,
      "pepnet: {d}/nothing: no such model bundle (expected a directory with config.json)"
    ) { s in
      ["inspect", "--model", s.path("nothing")]
    },
    bundle(
      "inspect_gate_nan",
      "pepnet: {d}/b: PPNet gate of task 'long_view', layer 1 in double_column is nan over the sample",
      command: ["inspect", "--model", "BUNDLE", "--sample", "4"]
    ) { s in
      try s.makeEmbeddingsHuge("embedding.hour")
    },
  ]

  static let rankGates: [ErrorCase] = [
    c(
      "rank_gates_unknown", 2,
      "pepnet: The value 'mean' is invalid for '--gates <gates>'. Please provide one of 'own', 'average-epnet',"
        + " 'average-ppnet' or 'average'. (see 'pepnet help')"
    ) { s in
      rankU1.map { $0 == "BUNDLE" ? model(s) : $0 } + ["--gates", "mean"]
    },
    c(
      "rank_gates_sample_zero", 2,
      "pepnet: --sample must be a number of users in 1...100000, got 0 (see 'pepnet help')"
    ) { s in
      rankU1.map { $0 == "BUNDLE" ? model(s) : $0 } + ["--gates", "average", "--sample", "0"]
    },
    c("rank_gates_average_without_gates", 1, "pepnet: {dnn}: a dnn model has no gates to average") { s in
      s.vars["dnn"] = s.fixture.dnn
      return ["rank", "--model", s.fixture.dnn, "--user", "u1", "--domain", "featured", "--gates", "average"]
    },
    bundle(
      "rank_gates_average_score_nan",
      "pepnet: {d}/b: task 'long_view' scores item 'i0' nan for user u1 in featured, not a probability",
      command: rankU1 + ["--gates", "average", "--sample", "4"]
    ) { s in
      try s.makeEmbeddingsHuge("embedding.hour")
    },
  ]

  static let snapshotFormats: [ErrorCase] = [
    c(
      "explore_format_unknown", 2,
      "pepnet: The value 'png' is invalid for '--format <format>'. Please provide one of 'text', 'ansi', 'svg' or"
        + " 'html'. (see 'pepnet help')"
    ) { s in
      ["explore", model(s), "--snapshot", "--format", "png"]
    },
    c("explore_format_without_snapshot", 2, "pepnet: --format applies to --snapshot (see 'pepnet help')") {
      s in
      ["explore", model(s), "--format", "svg"]
    },
  ]
}
