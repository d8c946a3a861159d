import Foundation

/// Issue 18's bad-input cases of the dataset format (docs/errors.md, "Added for issue 18"), run
/// by `ErrorCaseTests.failsWithOneLine`: keys pepnet does not read (refused, with the closest
/// known key), domain values that are neither strings nor integers, and an empty domain in a
/// train split whose domains are inferred.
extension ErrorCases {
  static let dataFormatCases: [ErrorCase] = [
    train(
      "train_schema_unknown_key",
      "pepnet: {d}/d/schema.json: unknown key 'splts'; closest: splits, multi, items",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["splts"] = ["train": "train.csv"] }
    },
    train(
      "train_schema_unknown_nested_key",
      "pepnet: {d}/d/schema.json: unknown key 'users.feature'; closest: users.features, users.file, users.id",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        var users = schema["users"] as! [String: Any]
        users["feature"] = users.removeValue(forKey: "features")
        schema["users"] = users
      }
    },
    train(
      "train_schema_domain_fraction",
      "pepnet: {d}/d/schema.json: wrong type at 'domains.[1]': a domain value is a string or an integer",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["domains"] = ["double_column", 1.5, "featured"] }
    },
    train(
      "train_inferred_domain_empty",
      "pepnet: {d}/d/train.csv:3:{col}: column 'domain' is empty: schema.json lists no domains, so every"
        + " train row needs one"
    ) { s in
      try s.editJSON("d/schema.json") { $0.removeValue(forKey: "domains") }
      try s.setField("d/train.csv", line: 3, column: "domain", to: "")
    },
    train(
      "train_schema_id_min_count_zero",
      "pepnet: {d}/d/schema.json: id_min_count is 0; it must be in 1...1000000000",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["id_min_count"] = 0 }
    },
    train(
      "train_schema_statistics_task_unknown",
      "pepnet: {d}/d/schema.json: statistics_tasks names unknown task 'lik'",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["statistics_tasks"] = ["lik"] }
    },
    c(
      "train_id_min_count_zero", 2,
      "pepnet: --id-min-count must be in 1...1000000000; got 0 (see 'pepnet help')"
    ) {
      s in trainData(s, ["--id-min-count", "0"])
    },
    c(
      "train_feature_min_count_huge", 2,
      "pepnet: --feature-min-count must be in 1...1000000000; got 10000000000 (see 'pepnet help')"
    ) { s in trainData(s, ["--feature-min-count", "10000000000"]) },
    bundle(
      "rank_pipeline_schema_unknown_key",
      "pepnet: {d}/b/pipeline.json: unknown key 'schema.numerc'; closest: schema.numeric, schema.users, schema.items"
    ) { s in
      try s.editJSON("b/pipeline.json") { pipeline in
        var schema = pipeline["schema"] as! [String: Any]
        schema["numerc"] = ["age"]
        pipeline["schema"] = schema
      }
    },
  ]
}
