import Foundation

/// Issue 18 item 2's bad-input cases (docs/errors.md, "Added for issue 18: numeric features"),
/// run by `ErrorCaseTests.failsWithOneLine`: a `numeric` name that is no feature (a typo would
/// otherwise leave the feature categorical without a word) and `numeric_buckets` out of range.
extension ErrorCases {
  static let numericCases: [ErrorCase] = [
    train(
      "train_schema_numeric_not_a_feature",
      "pepnet: {d}/d/schema.json: numeric names 'followers', which is not a feature (users.features,"
        + " items.features or impressions.context)",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["numeric"] = ["hour", "followers"] }
    },
    train(
      "train_schema_numeric_twice",
      "pepnet: {d}/d/schema.json: numeric has 'hour' twice",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["numeric"] = ["hour", "hour"] }
    },
    train(
      "train_schema_numeric_buckets_one",
      "pepnet: {d}/d/schema.json: numeric_buckets is 1; it must be in 2...1000",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") {
        $0["numeric"] = ["hour"]
        $0["numeric_buckets"] = 1
      }
    },
    train(
      "train_schema_numeric_buckets_huge",
      "pepnet: {d}/d/schema.json: numeric_buckets is 1001; it must be in 2...1000",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["numeric_buckets"] = 1001 }
    },
  ]
}
