import Foundation

/// The second round of issue 18's import cases (docs/errors.md, "Added for issue 18: import,
/// numeric flags and item domains"), run by `ErrorCaseTests.failsWithOneLine`: `import`'s own
/// `--out` words, its `--numeric`, threshold and `--item-domain` flags, and a schema's
/// `items.domain` naming a domain the dataset does not have. None writes a file.
extension ErrorCases {
  /// A log with an hour column and an item column naming the item's domains (`sports|tech`).
  static let itemDomainLog =
    "user,news,category,click,hour,tabs\nu1,n1,sports,1,9,sports\nu2,n2,tech,0,10,tech|sports\n"
    + "u1,n2,tech,0,11,tech|sports\n"

  /// `pepnet import` of `itemDomainLog` (or `log`) with `extra` flags.
  static func importMore(_ s: Scratch, log: String = itemDomainLog, _ extra: [String]) throws -> [String] {
    try importLog(s, log: log, extra)
  }

  /// Appends a column `name` to every line of the CSV file `relative`, the value of line k being
  /// `value(k)` (1-based, the header is line 1), and records as `{col}` the byte column of the new
  /// field on line `line`.
  static func appendColumn(
    _ s: Scratch, _ relative: String, name: String, at line: Int, _ value: (Int) -> String
  ) throws {
    try s.edit(relative) { text in
      var lines = text.split(separator: "\n").map(String.init)
      for k in lines.indices { lines[k] += "," + (k == 0 ? name : value(k + 1)) }
      s.vars["col"] = "\(lines[line - 1].utf8.count - value(line).utf8.count + 1)"
      return lines.joined(separator: "\n") + "\n"
    }
  }

  static let importMoreCases: [ErrorCase] = [
    c(
      "import_out_generated_dataset", 1,
      "pepnet: {d}/out: the folder is not empty and holds no imported dataset (no import.json); import into a"
        + " new folder"
    ) { s in
      try s.mkdir("out")
      try s.write("out/generator.json", #"{"seed": 1}"#)
      return try importLog(s)
    },
    c(
      "import_out_record_not_pepnets", 1,
      "pepnet: {d}/out: the folder is not empty and holds no imported dataset (import.json is not pepnet"
        + " import's record); import into a new folder"
    ) { s in
      try s.mkdir("out")
      try s.write("out/import.json", #"{"format": "mine", "format_version": 1, "log": "x.csv", "rows": 3}"#)
      return try importLog(s)
    },
    c(
      "import_numeric_not_a_feature", 2,
      "pepnet: --numeric names 'hour', which is not a column of --user-features, --item-features or --context"
        + " (see 'pepnet help')"
    ) { s in try importMore(s, ["--numeric", "hour"]) },
    c(
      "import_numeric_twice", 2,
      "pepnet: --numeric names 'hour' twice (see 'pepnet help')"
    ) { s in try importMore(s, ["--context", "hour", "--numeric", "hour,hour"]) },
    c(
      "import_numeric_buckets_one", 2,
      "pepnet: --numeric-buckets must be in 2...1000; got 1 (see 'pepnet help')"
    ) { s in try importMore(s, ["--context", "hour", "--numeric", "hour", "--numeric-buckets", "1"]) },
    c(
      "import_id_min_count_zero", 2,
      "pepnet: --id-min-count must be in 1...1000000000; got 0 (see 'pepnet help')"
    ) { s in try importMore(s, ["--id-min-count", "0"]) },
    c(
      "import_item_domain_empty_separator", 2,
      "pepnet: --item-domain must be COL or COL=SEP with a column and a separator; got 'tabs=' (see 'pepnet"
        + " help')"
    ) { s in try importMore(s, ["--item-domain", "tabs="]) },
    c(
      "import_item_domain_is_the_domain", 2,
      "pepnet: column 'category' is given to both --domain and --item-domain; a column has one role (see"
        + " 'pepnet help')"
    ) { s in try importMore(s, ["--item-domain", "category"]) },
    c(
      "import_item_domain_unknown", 1,
      "pepnet: {d}/log.csv:3:17: column 'tabs': unknown domain 'music'; closest: tech, sports"
    ) { s in
      try importMore(
        s,
        log: itemDomainLog.replacingOccurrences(
          of: "u2,n2,tech,0,10,tech|sports", with: "u2,n2,tech,0,10,tech|music"),
        ["--item-domain", "tabs=|"])
    },
    train(
      "train_items_domain_unknown",
      "pepnet: {d}/d/items.csv:4:{col}: column 'tab': unknown domain 'nowhere'; closest: featured,"
        + " double_column, single_column"
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        var items = schema["items"] as! [String: Any]
        items["domain"] = "tab"
        schema["items"] = items
      }
      try appendColumn(s, "d/items.csv", name: "tab", at: 4) { $0 == 4 ? "nowhere" : "featured" }
    },
    train(
      "train_schema_domain_separator_alone",
      "pepnet: {d}/d/schema.json: items.domain_separator is set but items.domain is not: it splits that"
        + " column's cells",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        var items = schema["items"] as! [String: Any]
        items["domain_separator"] = "|"
        schema["items"] = items
      }
    },
    train(
      "train_schema_item_domain_a_feature",
      "pepnet: {d}/d/schema.json: column 'category' is both items.features and items.domain: a column may have"
        + " one role",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        var items = schema["items"] as! [String: Any]
        items["domain"] = "category"
        schema["items"] = items
      }
    },
  ]
}
