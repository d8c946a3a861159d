import Foundation

/// Issue 18 item 4's bad-input cases (docs/errors.md, "Added for issue 18: multi-valued
/// features"), run by `ErrorCaseTests.failsWithOneLine`: a `multi` entry that names no feature,
/// an id column or a numeric feature, or has an empty separator; `multi_max_values` out of range;
/// a cell with more values than it; a what-if edit with an unknown value.
extension ErrorCases {
  static let multiCases: [ErrorCase] = [
    train(
      "train_schema_multi_not_a_feature",
      "pepnet: {d}/d/schema.json: multi names 'genres', which is not a feature (users.features,"
        + " items.features or impressions.context)",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["multi"] = ["genres": ";"] }
    },
    train(
      "train_schema_multi_id_column",
      "pepnet: {d}/d/schema.json: multi names 'item_id', the impressions.item_id column: ids and domains"
        + " have one value per row",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["multi"] = ["item_id": ";"] }
    },
    train(
      "train_schema_multi_empty_separator",
      "pepnet: {d}/d/schema.json: multi.category is an empty separator",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["multi"] = ["category": ""] }
    },
    train(
      "train_schema_multi_numeric",
      "pepnet: {d}/d/schema.json: 'hour' is in both numeric and multi: a numeric feature has one number"
        + " per cell",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") {
        $0["numeric"] = ["hour"]
        $0["multi"] = ["hour": ";"]
      }
    },
    train(
      "train_schema_multi_max_values_zero",
      "pepnet: {d}/d/schema.json: multi_max_values is 0; it must be in 1...1024",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["multi_max_values"] = 0 }
    },
    train(
      "train_multi_cell_over_the_cap",
      "pepnet: {d}/d/items.csv:2:*: column 'category': 3 values, more than multi_max_values (2) in schema.json"
    ) { s in
      try s.editJSON("d/schema.json") {
        $0["multi"] = ["category": ";"]
        $0["multi_max_values"] = 2
      }
      let items = try String(contentsOfFile: s.path("d/items.csv"), encoding: .utf8)
      var lines = items.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let header = lines[0].split(separator: ",").map(String.init)
      let column = header.firstIndex(of: "category")!
      var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      cells[column] = "a;b;c"
      lines[1] = cells.joined(separator: ",")
      try s.write("d/items.csv", lines.joined(separator: "\n"))
    },
    c(
      "import_multi_not_a_feature", 2,
      "pepnet: --multi names 'news', which is not one of --user-features, --item-features or --context (see"
        + " 'pepnet help')"
    ) { s in try importLog(s, ["--multi", "news=|"]) },
    c(
      "import_multi_empty_separator", 2,
      "pepnet: --multi news= has an empty separator (see 'pepnet help')"
    ) { s in try importLog(s, ["--multi", "news="]) },
    c(
      "import_multi_malformed", 2,
      "pepnet: --multi must look like COLUMN=SEPARATOR (e.g. genres=|), got 'genres' (see 'pepnet help')"
    ) { s in try importLog(s, ["--multi", "genres"]) },
    c(
      "import_multi_and_numeric", 2,
      "pepnet: --multi and --numeric both name 'hour': a numeric feature has one number per cell (see 'pepnet"
        + " help')"
    ) { s in try importLog(s, ["--context", "hour", "--numeric", "hour", "--multi", "hour=;"]) },
  ]
}
