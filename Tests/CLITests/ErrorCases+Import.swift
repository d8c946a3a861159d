import Foundation

/// Issue 18's `pepnet import` cases of docs/errors.md ("Added for issue 18: import"), run by
/// `ErrorCaseTests.failsWithOneLine`: a log problem at its line and column, a flag problem as a
/// usage error, and an `--out` that is not pepnet's to replace. None writes a file.
extension ErrorCases {
  static let importLog = "user,news,category,click\nu1,n1,sports,1\nu2,n2,tech,0\nu1,n2,tech,0\n"

  /// `pepnet import` of `log` (written to `log.csv`) into `out`, with `extra` flags.
  static func importLog(
    _ s: Scratch, log: String = importLog, _ extra: [String] = [], split: [String] = ["--split", "0.34,0.33"]
  ) throws -> [String] {
    try s.write("log.csv", log)
    return [
      "import", "--log", s.path("log.csv"), "--user-id", "user", "--item-id", "news", "--domain", "category",
      "--tasks", "click", "--out", s.path("out"),
    ] + split + extra
  }

  static let importCases: [ErrorCase] = [
    c("import_log_missing_column", 1, "pepnet: {d}/log.csv:1:1: missing column 'click' in header") { s in
      try importLog(s, log: importLog.replacingOccurrences(of: "click", with: "clicked"))
    },
    c(
      "import_log_bad_label", 1,
      "pepnet: {d}/log.csv:3:12: label 'click' must be 0 or 1 (or 0.0, 1.0, false, true), or missing (empty,"
        + " NA, NaN), found 'yes'"
    ) { s in
      try importLog(s, log: importLog.replacingOccurrences(of: "u2,n2,tech,0", with: "u2,n2,tech,yes"))
    },
    c(
      "import_log_empty_user", 1,
      "pepnet: {d}/log.csv:3:1: column 'user' is empty; every impression needs one"
    ) {
      s in try importLog(s, log: importLog.replacingOccurrences(of: "u2,n2,tech,0", with: ",n2,tech,0"))
    },
    c("import_log_no_rows", 1, "pepnet: {d}/log.csv:1:1: no rows after the header") { s in
      try importLog(s, log: "user,news,category,click\n")
    },
    c(
      "import_log_too_short", 1,
      "pepnet: {d}/log.csv: the log's 3 rows leave the valid split empty; give a longer log or other --split"
        + " shares"
    ) { s in try importLog(s, split: []) },
    c(
      "import_split_shares", 2,
      "pepnet: --split must be two shares TRAIN,VALID in (0, 1) with a sum below 1 (the rest is test), e.g."
        + " 0.8,0.1; got '0.9,0.2' (see 'pepnet help')"
    ) { s in try importLog(s, split: ["--split", "0.9,0.2"]) },
    c(
      "import_split_and_split_by", 2,
      "pepnet: give --split or --split-by, not both (--split-by cuts its sorted rows 0.8, 0.1, 0.1) (see 'pepnet"
        + " help')"
    ) { s in try importLog(s, ["--split-by", "user"]) },
    c(
      "import_column_two_roles", 2,
      "pepnet: column 'click' is given to both --tasks and --context; a column has one role (see 'pepnet help')"
    ) { s in try importLog(s, ["--context", "click"]) },
    c(
      "import_feature_reserved_name", 2,
      "pepnet: --user-features names 'user_domain_x', the name of a field pepnet derives (user_id, item_id,"
        + " author_id, domain, user_domain_*, item_domain_*); rename that column in the log (see 'pepnet help')"
    ) { s in try importLog(s, ["--user-features", "user_domain_x"]) },
    c(
      "import_out_not_a_dataset", 1,
      "pepnet: {d}/out: the folder is not empty and holds no imported dataset (no import.json); import into a"
        + " new folder"
    ) { s in
      try s.mkdir("out")
      try s.write("out/thesis.txt", "mine")
      return try importLog(s)
    },
  ]
}
