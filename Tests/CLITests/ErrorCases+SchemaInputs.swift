import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 11's cases of docs/errors.md for this area, run by `ErrorCaseTests.failsWithOneLine`:
/// schemas that trained into unusable or leaking models, CSV headers naming a column twice, file
/// names leaving the dataset folder, FIFOs and devices as inputs, over-long records, and text
/// that is not UTF-8 (or not LF / CRLF), plus JSON with duplicate keys or absurd nesting.
extension ErrorCases {
  static let schemaInputs: [ErrorCase] = derivedAndLeakingSchemas + schemaFiles + csvText + jsonText

  /// Items 10 and 11: refused by `DatasetSchema.validate` before any data is read.
  static let derivedAndLeakingSchemas: [ErrorCase] = [
    train(
      "train_schema_context_named_domain",
      "pepnet: {d}/d/schema.json: impressions.context has 'domain', the name of a field pepnet derives"
        + " (user_id, item_id, author_id, domain, user_domain_*, item_domain_*); rename that column",
      progress: false
    ) { s in
      try s.editImpressions { $0["context"] = ["hour", "network", "domain"] }
    },
    train(
      "train_schema_user_feature_named_like_statistic",
      "pepnet: {d}/d/schema.json: users.features has 'user_domain_impressions', the name of a field pepnet"
        + " derives (user_id, item_id, author_id, domain, user_domain_*, item_domain_*); rename that column",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        var users = schema["users"] as! [String: Any]
        users["features"] = ["age", "gender", "city", "user_domain_impressions"]
        schema["users"] = users
      }
    },
    train(
      "train_schema_label_as_context",
      "pepnet: {d}/d/schema.json: column 'like' is both impressions.context and impressions.tasks: a column"
        + " may have one role; a label or oracle column used elsewhere leaks the answer",
      progress: false
    ) { s in
      try s.editImpressions { $0["context"] = ["hour", "network", "like"] }
    },
    train(
      "train_schema_oracle_is_label",
      "pepnet: {d}/d/schema.json: column 'like' is both impressions.tasks and impressions.oracle.like: a"
        + " column may have one role; a label or oracle column used elsewhere leaks the answer",
      progress: false
    ) { s in
      try s.editImpressions { impressions in
        var oracle = impressions["oracle"] as! [String: String]
        oracle["like"] = "like"
        impressions["oracle"] = oracle
      }
    },
    train(
      "train_schema_item_id_is_user_id",
      "pepnet: {d}/d/schema.json: column 'user_id' is both impressions.user_id and impressions.item_id: a"
        + " column may have one role",
      progress: false
    ) { s in
      try s.editImpressions { $0["item_id"] = "user_id" }
    },
    train(
      "train_schema_splits_same_name",
      "pepnet: {d}/d/schema.json: splits.train and splits.valid both name 'train.csv': the train, valid and"
        + " test splits must differ",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        schema["splits"] = ["train": "train.csv", "valid": "train.csv", "test": "train.csv"]
      }
    },
    train(
      "train_valid_copy_of_train",
      "pepnet: {d}/d/valid.csv: has the same contents as train.csv; the train, valid and test splits must differ",
      progress: false
    ) { s in
      try s.remove("d/valid.csv")
      try FileManager.default.copyItem(atPath: s.path("d/train.csv"), toPath: s.path("d/valid.csv"))
    },
    train(
      "train_test_link_to_valid",
      "pepnet: {d}/d/test.csv: is the same file as valid.csv; the train, valid and test splits must differ",
      progress: false
    ) { s in
      try s.remove("d/test.csv")
      try FileManager.default.createSymbolicLink(
        atPath: s.path("d/test.csv"), withDestinationPath: "valid.csv")
    },
  ]

  /// Items 13 and 14: file names outside the folder, a FIFO, an endless line (devices such as
  /// `/dev/zero`: `DeviceInputTests`).
  static let schemaFiles: [ErrorCase] = [
    train(
      "train_schema_users_outside_folder",
      "pepnet: {d}/d/schema.json: users.file is '../secret.txt': a file name must be a relative path inside"
        + " the dataset folder (no leading '/', no '..')",
      progress: false
    ) { s in
      try s.write("secret.txt", "secret\npassword=hunter2\n")
      try s.editJSON("d/schema.json") { schema in
        schema["users"] = ["file": "../secret.txt", "id": "secret", "features": [String]()]
      }
    },
    train(
      "train_schema_split_absolute_path",
      "pepnet: {d}/d/schema.json: splits.test is '/etc/passwd': a file name must be a relative path inside"
        + " the dataset folder (no leading '/', no '..')",
      progress: false
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        schema["splits"] = ["train": "train.csv", "valid": "valid.csv", "test": "/etc/passwd"]
      }
    },
    train("train_train_fifo", "pepnet: {d}/d/train.csv: cannot open file: not a regular file (it is a FIFO)")
    {
      s in
      try s.remove("d/train.csv")
      guard mkfifo(s.path("d/train.csv"), 0o644) == 0 else {
        throw ErrorFixture.Failure(description: "mkfifo failed")
      }
    },
    train(
      "train_train_record_too_long",
      "pepnet: {d}/d/train.csv:{line}:1: record longer than 16 MiB (16777216 bytes), the most pepnet reads in"
        + " one record (line end included)"
    ) { s in
      try s.edit("d/train.csv") { text in
        s.vars["line"] = "\(text.split(separator: "\n").count + 1)"
        return text + String(repeating: "x", count: 17 << 20) + "\n"
      }
    },
  ]

  /// Item 12 and the misleading CSV messages: duplicate columns, CR line ends, UTF-16, bad UTF-8.
  static let csvText: [ErrorCase] = [
    train(
      "train_train_duplicate_column",
      "pepnet: {d}/d/train.csv:1:{col}: column 'like' appears twice in the header (first as field 7)"
    ) { s in
      try s.edit("d/train.csv") { text in
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        s.vars["col"] = "\(lines[0].utf8.count + 2)"
        lines[0] += ",like"
        for i in 1..<lines.count where !lines[i].isEmpty { lines[i] += ",1" }
        return lines.joined(separator: "\n")
      }
    },
    train(
      "train_users_duplicate_column",
      "pepnet: {d}/d/users.csv:1:{col}: column 'age' appears twice in the header (first as field 2)"
    ) { s in
      try s.edit("d/users.csv") { text in
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        s.vars["col"] = "\(lines[0].utf8.count + 2)"
        lines[0] += ",age"
        for i in 1..<lines.count where !lines[i].isEmpty { lines[i] += ",x" }
        return lines.joined(separator: "\n")
      }
    },
    train(
      "train_train_cr_line_ends",
      "pepnet: {d}/d/train.csv:1:{col}: lines end in CR only (classic Mac OS); pepnet reads LF or CRLF line ends"
    ) { s in
      try s.edit("d/train.csv") { text in
        s.vars["col"] = "\(text.prefix { $0 != "\n" }.utf8.count + 1)"
        return text.replacingOccurrences(of: "\n", with: "\r")
      }
    },
    eval(
      "eval_test_utf16",
      "pepnet: {d}/d/test.csv:1:1: the file is UTF-16; pepnet reads UTF-8 text (convert it, e.g. iconv -f UTF-16 -t UTF-8)"
    ) { s in
      let text = try String(contentsOfFile: s.path("d/test.csv"), encoding: .utf8)
      try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(
        to: URL(fileURLWithPath: s.path("d/test.csv")))
    },
    eval(
      "eval_test_utf16_without_bom",
      "pepnet: {d}/d/test.csv:1:1: the file is UTF-16; pepnet reads UTF-8 text (convert it, e.g. iconv -f UTF-16 -t UTF-8)"
    ) { s in
      let text = try String(contentsOfFile: s.path("d/test.csv"), encoding: .utf8)
      try Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }).write(
        to: URL(fileURLWithPath: s.path("d/test.csv")))
    },
    train(
      "train_users_invalid_utf8",
      "pepnet: {d}/d/users.csv:3:2: invalid UTF-8 (byte 0xFF); pepnet reads UTF-8 text"
    ) { s in
      // Line 3's id `u1` becomes `u\xFF`: it used to read as 'u\u{FFFD}' (and two such ids as a duplicate).
      try s.editBytes("d/users.csv") { bytes in
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        bytes[lineStarts[2] + 1] = 0xFF
      }
    },
    train(
      "train_train_invalid_utf8_context",
      "pepnet: {d}/d/train.csv:2:{col}: invalid UTF-8 (byte 0xC3); pepnet reads UTF-8 text"
    ) { s in
      try s.setField("d/train.csv", line: 2, column: "network", to: "wifiX")
      let col = Int(s.vars["col"]!)! + 4
      s.vars["col"] = "\(col)"
      try s.editBytes("d/train.csv") { bytes in
        let secondLine = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        bytes[secondLine + col - 1] = 0xC3  // a lead byte followed by ',' is ill-formed
      }
    },
  ]

  /// Duplicate keys and deep nesting, refused by `JSONFile.read` (schema.json and the bundle's JSON).
  static let jsonText: [ErrorCase] = [
    train(
      "train_schema_duplicate_key",
      "pepnet: {d}/d/schema.json: duplicate key 'context' in 'impressions' at line {line}; a key may appear once"
        + " in an object",
      progress: false
    ) { s in
      // The second "context" (a label) would silently win in Foundation's decoder.
      try s.edit("d/schema.json") { text in
        let marker = "\"impressions\" : {\n"
        let range = text.range(of: marker)!
        s.vars["line"] = "\(text[..<range.upperBound].filter { $0 == "\n" }.count + 2)"
        return text.replacingCharacters(
          in: range, with: marker + "    \"context\" : [\"hour\"],\n    \"context\" : [\"like\"],\n")
      }
    },
    train(
      "train_schema_nested_too_deep",
      "pepnet: {d}/d/schema.json: nested more than 64 levels deep at line {line} (pepnet reads at most 64)",
      progress: false
    ) { s in
      try s.edit("d/schema.json") { text in
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()
        s.vars["line"] = "\(body.filter { $0 == "\n" }.count + 1)"
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        return body + ", \"extra\" : " + deep + "}\n"
      }
    },
    bundle(
      "rank_config_duplicate_key",
      "pepnet: {d}/b/config.json: duplicate key 'format_version' at line {line}; a key may appear once in an"
        + " object"
    ) { s in
      try s.edit("b/config.json") { text in
        let changed = text.replacingCharacters(
          in: text.range(of: "{\n")!, with: "{\n  \"format_version\" : 1,\n")
        let second = changed.ranges(of: "\"format_version\"")[1]
        s.vars["line"] = "\(changed[..<second.lowerBound].filter { $0 == "\n" }.count + 1)"
        return changed
      }
    },
  ]
}

extension Scratch {
  /// Changes the `impressions` object of the dataset copy's `schema.json`.
  fileprivate func editImpressions(_ change: (inout [String: Any]) -> Void) throws {
    try editJSON("d/schema.json") { schema in
      var impressions = schema["impressions"] as! [String: Any]
      change(&impressions)
      schema["impressions"] = impressions
    }
  }
}
