import Foundation

/// Issue 16's cases of docs/errors.md: `pepnet inspect --data` with a missing folder or a broken
/// `truth.json`, run by `ErrorCaseTests.failsWithOneLine`. A folder without the file is no error.
extension ErrorCases {
  static let truthCases: [ErrorCase] = [
    c("inspect_truth_data_missing", 1, "pepnet: {d}/nothing: no such dataset folder") { s in
      ["inspect", "--model", model(s), "--sample", "4", "--data", s.path("nothing")]
    },
    c("inspect_truth_not_json", 1, "pepnet: {d}/d/truth.json: invalid JSON*") { s in
      let data = try s.copyData()
      try s.write("d/truth.json", "{\"format_version\": 1,")
      return ["inspect", "--model", model(s), "--sample", "4", "--data", data]
    },
    c(
      "inspect_truth_inconsistent", 1,
      "pepnet: {d}/d/truth.json: users[2].task_propensity: 1 values for 6 tasks"
    ) { s in
      let data = try s.copyData()
      try s.editJSON("d/truth.json") { json in
        var users = json["users"] as! [[String: Any]]
        users[2]["task_propensity"] = [0.5]
        json["users"] = users
      }
      return ["inspect", "--model", model(s), "--sample", "4", "--data", data]
    },
    c(
      "inspect_truth_version", 1,
      "pepnet: {d}/d/truth.json: format_version: 2 is not supported (expected 1)"
    ) { s in
      let data = try s.copyData()
      try s.editJSON("d/truth.json") { $0["format_version"] = 2 }
      return ["inspect", "--model", model(s), "--sample", "4", "--data", data]
    },
  ]
}
