import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One row of docs/errors.md.
struct ErrorCase: Sendable, CustomTestStringConvertible {
  /// The row's test name (as in docs/errors.md).
  var name: String
  var status: Int32
  /// The expected error line: `{d}` is the case's directory, `{key}` a value the setup recorded,
  /// `*` any text.
  var message: String
  /// Run as an unprivileged user (needed for permission cases when the tests run as root).
  var asNobody = false
  /// Train prints progress lines (not errors) before it fails.
  var progressAllowed = false
  /// Prepares the case's files and returns the arguments.
  var setup: @Sendable (Scratch) throws -> [String]

  var testDescription: String { name }
}

/// The cases, grouped by what is broken.
enum ErrorCases {
  static func c(
    _ name: String, _ status: Int32, _ message: String, nobody: Bool = false, progress: Bool = false,
    _ setup: @escaping @Sendable (Scratch) throws -> [String]
  ) -> ErrorCase {
    ErrorCase(
      name: name, status: status, message: message, asNobody: nobody, progressAllowed: progress, setup: setup)
  }

  static let all: [ErrorCase] =
    datasetFiles + bundleFiles + names + options + generateBounds + outputs
    + outputPaths + standardOutput + bundleConsistency + schemaInputs + explorerTerminal + inspectCases
    + encodeCases + precisionCases + layoutCases + compareCases + viewCases + dataFormatCases + truthCases
    + gateRecipeCases
    + candidateCases + numericCases + importCases + importMoreCases + multiCases

  /// `pepnet train` on a copy of the tiny dataset with `file` broken by `breakIt`.
  static func train(
    _ name: String, _ message: String, nobody: Bool = false, progress: Bool = true,
    _ breakIt: @escaping @Sendable (Scratch) throws -> Void
  ) -> ErrorCase {
    c(name, 1, message, nobody: nobody, progress: progress) { s in
      let data = try s.copyData()
      try breakIt(s)
      // `nobody` may create --out here (train checks that first), so the data is what fails.
      if nobody { try s.chmod(".", 0o777) }
      return [
        "train", "--data", data, "--out", s.path("out"), "--epochs", "1", "--tower", "8", "--emb-dim", "4",
      ]
    }
  }

  /// `pepnet eval` of the tiny bundle on a broken copy of the dataset.
  static func eval(
    _ name: String, _ message: String, nobody: Bool = false,
    _ breakIt: @escaping @Sendable (Scratch) throws -> Void
  )
    -> ErrorCase
  {
    c(name, 1, message, nobody: nobody) { s in
      let data = try s.copyData()
      try breakIt(s)
      return ["eval", "--model", s.fixture.model, "--data", data]
    }
  }

  /// `pepnet rank` (or another bundle reader) on a broken copy of the tiny bundle.
  static func bundle(
    _ name: String, _ message: String, nobody: Bool = false, command: [String] = rankU1,
    _ breakIt: @escaping @Sendable (Scratch) throws -> Void
  ) -> ErrorCase {
    c(name, 1, message, nobody: nobody) { s in
      let bundle = try s.copyModel()
      try breakIt(s)
      return command.map { $0 == "BUNDLE" ? bundle : $0 == "DATA" ? s.fixture.data : $0 }
    }
  }

  static let rankU1 = ["rank", "--model", "BUNDLE", "--user", "u1", "--domain", "featured"]

  static let datasetFiles: [ErrorCase] = [
    // schema.json (read by every dataset command; train shown).
    c(
      "train_data_folder_missing", 1,
      "pepnet: {d}/nothing/schema.json: cannot read: No such file or directory"
    ) { s in
      ["train", "--data", s.path("nothing"), "--out", s.path("out")]
    },
    train(
      "train_schema_missing", "pepnet: {d}/d/schema.json: cannot read: No such file or directory",
      progress: false
    ) { s in
      try s.remove("d/schema.json")
    },
    train("train_schema_directory", "pepnet: {d}/d/schema.json: cannot read: Is a directory", progress: false)
    { s in
      try s.remove("d/schema.json")
      try s.mkdir("d/schema.json")
    },
    train(
      "train_schema_unreadable", "pepnet: {d}/d/schema.json: cannot read: Permission denied", nobody: true,
      progress: false
    ) { s in
      try s.chmod("d/schema.json", 0o000)
    },
    train(
      "train_schema_empty", "pepnet: {d}/d/schema.json: empty file (expected a JSON object)", progress: false
    ) { s in
      try s.write("d/schema.json", "")
    },
    train("train_schema_not_json", "pepnet: {d}/d/schema.json: invalid JSON: *", progress: false) { s in
      try s.write("d/schema.json", "{\"version\": 1,")
    },
    train(
      "train_schema_wrong_type",
      "pepnet: {d}/d/schema.json: wrong type at 'version': Expected to decode Int but found a string instead.",
      progress: false
    ) { s in
      try s.edit("d/schema.json") {
        $0.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : \"one\"")
      }
    },
    train(
      "train_schema_domains_number", "pepnet: {d}/d/schema.json: wrong type at 'domains': *", progress: false
    ) { s in
      try s.editJSON("d/schema.json") { $0["domains"] = 42 }
    },
    train("train_schema_missing_key", "pepnet: {d}/d/schema.json: missing key 'users'", progress: false) {
      s in
      try s.editJSON("d/schema.json") { $0["users"] = nil }
    },
    // users.csv and items.csv.
    train("train_users_missing", "pepnet: {d}/d/users.csv: cannot open file: No such file or directory") {
      s in
      try s.remove("d/users.csv")
    },
    train("train_users_directory", "pepnet: {d}/d/users.csv: cannot open file: Is a directory") { s in
      try s.remove("d/users.csv")
      try s.mkdir("d/users.csv")
    },
    train(
      "train_users_unreadable", "pepnet: {d}/d/users.csv: cannot open file: Permission denied", nobody: true
    ) { s in
      try s.chmod("d/users.csv", 0o000)
    },
    train("train_users_empty", "pepnet: {d}/d/users.csv:1:1: empty file: no header line") { s in
      try s.write("d/users.csv", "")
    },
    train("train_users_header_only", "pepnet: {d}/d/users.csv:1:1: no rows after the header") { s in
      try s.edit("d/users.csv") { String($0.prefix { $0 != "\n" }) + "\n" }
    },
    train("train_users_missing_column", "pepnet: {d}/d/users.csv:1:1: missing column 'activity' in header") {
      s in
      try s.edit("d/users.csv") { $0.replacingOccurrences(of: "activity", with: "act") }
    },
    train(
      "train_users_duplicate_id", "pepnet: {d}/d/users.csv:{line}:1: duplicate id 'u0' in column 'user_id'"
    ) { s in
      try s.edit("d/users.csv") { text in
        let lines = text.split(separator: "\n")
        s.vars["line"] = "\(lines.count + 1)"
        return text + lines[1] + "\n"
      }
    },
    train("train_items_missing", "pepnet: {d}/d/items.csv: cannot open file: No such file or directory") {
      s in
      try s.remove("d/items.csv")
    },
    train("train_items_empty", "pepnet: {d}/d/items.csv:1:1: empty file: no header line") { s in
      try s.write("d/items.csv", "")
    },
    train(
      "train_items_wrong_field_count",
      "pepnet: {d}/d/items.csv:2:{col}: wrong number of fields: expected *, found *"
    ) { s in
      try s.edit("d/items.csv") { text in
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = String(lines[1][..<lines[1].lastIndex(of: ",")!])
        s.vars["col"] = "\(lines[1].utf8.count + 1)"
        return lines.joined(separator: "\n")
      }
    },
    // The train split.
    train("train_train_missing", "pepnet: {d}/d/train.csv: cannot open file: No such file or directory") {
      s in
      try s.remove("d/train.csv")
    },
    train("train_train_directory", "pepnet: {d}/d/train.csv: cannot open file: Is a directory") { s in
      try s.remove("d/train.csv")
      try s.mkdir("d/train.csv")
    },
    train(
      "train_train_unreadable", "pepnet: {d}/d/train.csv: cannot open file: Permission denied", nobody: true
    ) { s in
      try s.chmod("d/train.csv", 0o000)
    },
    train("train_train_empty", "pepnet: {d}/d/train.csv:1:1: empty file: no header line") { s in
      try s.write("d/train.csv", "")
    },
    train("train_train_header_only", "pepnet: {d}/d/train.csv:1:1: no rows after the header") { s in
      try s.edit("d/train.csv") { String($0.prefix { $0 != "\n" }) + "\n" }
    },
    train(
      "train_train_label_text",
      "pepnet: {d}/d/train.csv:2:{col}: label 'long_view' must be 0 or 1 (or 0.0, 1.0, false, true),"
        + " or missing (empty, NA, NaN), found 'yes'"
    ) { s in
      try s.setField("d/train.csv", line: 2, column: "long_view", to: "yes")
    },
    train(
      "train_train_label_fraction",
      "pepnet: {d}/d/train.csv:2:{col}: label 'like' must be 0 or 1 (or 0.0, 1.0, false, true),"
        + " or missing (empty, NA, NaN), found '0.5'"
    ) { s in
      try s.setField("d/train.csv", line: 2, column: "like", to: "0.5")
    },
    train(
      "train_train_label_inf",
      "pepnet: {d}/d/train.csv:3:{col}: label 'hate' must be 0 or 1 (or 0.0, 1.0, false, true),"
        + " or missing (empty, NA, NaN), found 'inf'"
    ) { s in
      try s.setField("d/train.csv", line: 3, column: "hate", to: "inf")
    },
    train(
      "train_train_unknown_domain",
      "pepnet: {d}/d/train.csv:2:{col}: unknown domain 'nowhere' (not listed in schema.json)"
    ) { s in
      try s.setField("d/train.csv", line: 2, column: "domain", to: "nowhere")
    },
    train(
      "train_train_unterminated_quote",
      "pepnet: {d}/d/train.csv:2:{col}: unterminated quoted field (opening quote here)"
    ) { s in
      try s.setField("d/train.csv", line: 2, column: "item_id", to: "\"i1")
    },
    train(
      "train_train_10mb_line",
      "pepnet: {d}/d/train.csv:{line}:10000001: wrong number of fields: expected 11, found 1"
    ) { s in
      try s.edit("d/train.csv") { text in
        s.vars["line"] = "\(text.split(separator: "\n").count + 1)"
        return text + String(repeating: "x", count: 10_000_000) + "\n"
      }
    },
    // The valid and test splits (train reads them before training; eval reads one).
    train(
      "train_valid_label_minus_one",
      "pepnet: {d}/d/valid.csv:2:{col}: label 'follow' must be 0 or 1 (or 0.0, 1.0, false, true),"
        + " or missing (empty, NA, NaN), found '-1'"
    ) { s in
      try s.setField("d/valid.csv", line: 2, column: "follow", to: "-1")
    },
    train(
      "train_valid_oracle_nan",
      "pepnet: {d}/d/valid.csv:2:{col}: column 'oracle_like': 'nan' is not a probability between 0 and 1"
    ) { s in
      try s.setField("d/valid.csv", line: 2, column: "oracle_like", to: "nan")
    },
    train("train_valid_header_only", "pepnet: {d}/d/valid.csv:1:1: no rows after the header") { s in
      try s.edit("d/valid.csv") { String($0.prefix { $0 != "\n" }) + "\n" }
    },
    train("train_test_missing", "pepnet: {d}/d/test.csv: cannot open file: No such file or directory") { s in
      try s.remove("d/test.csv")
    },
    c("eval_data_missing", 1, "pepnet: {d}/nothing/schema.json: cannot read: No such file or directory") {
      s in
      ["eval", "--model", s.fixture.model, "--data", s.path("nothing")]
    },
    eval("eval_test_missing", "pepnet: {d}/d/test.csv: cannot open file: No such file or directory") { s in
      try s.remove("d/test.csv")
    },
    eval("eval_test_directory", "pepnet: {d}/d/test.csv: cannot open file: Is a directory") { s in
      try s.remove("d/test.csv")
      try s.mkdir("d/test.csv")
    },
    eval("eval_test_unreadable", "pepnet: {d}/d/test.csv: cannot open file: Permission denied", nobody: true)
    { s in
      try s.chmod("d/test.csv", 0o000)
    },
    eval("eval_test_empty", "pepnet: {d}/d/test.csv:1:1: empty file: no header line") { s in
      try s.write("d/test.csv", "")
    },
    eval("eval_test_header_only", "pepnet: {d}/d/test.csv:1:1: no rows after the header") { s in
      try s.edit("d/test.csv") { String($0.prefix { $0 != "\n" }) + "\n" }
    },
    eval("eval_test_binary_garbage", "pepnet: {d}/d/test.csv:1:1: missing column 'user_id' in header") { s in
      try s.write("d/test.csv", "\u{FF}\u{FE}\0garbage\0\n")
    },
    eval(
      "eval_test_label_text",
      "pepnet: {d}/d/test.csv:3:{col}: label 'comment' must be 0 or 1 (or 0.0, 1.0, false, true),"
        + " or missing (empty, NA, NaN), found 'abc'"
    ) { s in
      try s.setField("d/test.csv", line: 3, column: "comment", to: "abc")
    },
    eval(
      "eval_test_oracle_text", "pepnet: {d}/d/test.csv:2:{col}: column 'oracle_hate': 'abc' is not a number"
    ) { s in
      try s.setField("d/test.csv", line: 2, column: "oracle_hate", to: "abc")
    },
    eval(
      "eval_test_oracle_nan",
      "pepnet: {d}/d/test.csv:2:{col}: column 'oracle_hate': 'nan' is not a probability between 0 and 1"
    ) { s in
      try s.setField("d/test.csv", line: 2, column: "oracle_hate", to: "nan")
    },
    eval(
      "eval_test_oracle_inf",
      "pepnet: {d}/d/test.csv:4:{col}: column 'oracle_long_view': 'inf' is not a probability between 0 and 1"
    ) { s in
      try s.setField("d/test.csv", line: 4, column: "oracle_long_view", to: "inf")
    },
    eval(
      "eval_test_oracle_out_of_range",
      "pepnet: {d}/d/test.csv:2:{col}: column 'oracle_like': '7.5' is not a probability between 0 and 1"
    ) { s in
      try s.setField("d/test.csv", line: 2, column: "oracle_like", to: "7.5")
    },
    eval(
      "eval_schema_tasks_differ",
      "pepnet: {d}/d/schema.json: tasks [\"long_view\", \"like\"] differ from the model's *"
    ) { s in
      try s.editJSON("d/schema.json") { schema in
        var impressions = schema["impressions"] as! [String: Any]
        impressions["tasks"] = ["long_view", "like"]
        impressions["oracle"] = nil
        schema["impressions"] = impressions
        schema["negative_tasks"] = nil
      }
    },
    c(
      "bench_ingest_data_missing", 1,
      "pepnet: {d}/nothing/schema.json: cannot read: No such file or directory"
    ) { s in
      ["bench", "ingest", "--data", s.path("nothing")]
    },
  ]

  static let bundleFiles: [ErrorCase] = [
    c(
      "rank_bundle_missing", 1,
      "pepnet: {d}/nothing: no such model bundle (expected a directory with config.json)"
    ) { s in
      ["rank", "--model", s.path("nothing"), "--user", "u1", "--domain", "featured"]
    },
    c("rank_bundle_is_a_file", 1, "pepnet: {d}/file: not a directory: a model bundle is a directory") { s in
      try s.write("file", "x")
      return ["rank", "--model", s.path("file"), "--user", "u1", "--domain", "featured"]
    },
    bundle("rank_config_missing", "pepnet: {d}/b/config.json: No such file or directory") { s in
      try s.remove("b/config.json")
    },
    bundle("rank_config_directory", "pepnet: {d}/b/config.json: Is a directory") { s in
      try s.remove("b/config.json")
      try s.mkdir("b/config.json")
    },
    bundle("rank_config_unreadable", "pepnet: {d}/b/config.json: Permission denied", nobody: true) { s in
      try s.chmod("b/config.json", 0o000)
    },
    bundle("rank_config_empty", "pepnet: {d}/b/config.json: invalid JSON at top level: *") { s in
      try s.write("b/config.json", "")
    },
    bundle(
      "rank_config_wrong_type",
      "pepnet: {d}/b/config.json: wrong type for 'model.embeddingDim': Expected to decode Int but found a string instead."
    ) { s in
      try s.edit("b/config.json") {
        $0.replacingOccurrences(of: "\"embeddingDim\" : 4", with: "\"embeddingDim\" : \"four\"")
      }
    },
    bundle(
      "rank_config_huge_embedding",
      "pepnet: {d}/b/config.json: model.embeddingDim is 100000000; it must be in 1...4096"
    ) { s in
      try s.edit("b/config.json") {
        $0.replacingOccurrences(of: "\"embeddingDim\" : 4", with: "\"embeddingDim\" : 100000000")
      }
    },
    bundle(
      "rank_config_negative_width",
      "pepnet: {d}/b/config.json: model.tower width is -8; it must be in 1...65536"
    ) { s in
      try s.editJSON("b/config.json") { config in
        var model = config["model"] as! [String: Any]
        model["tower"] = [-8]
        config["model"] = model
      }
    },
    bundle(
      "rank_config_huge_tower",
      "pepnet: {d}/b/config.json: model.tower: the layers would hold 4299227136 x 6 weights, more than 2147483648"
    ) { s in
      try s.editJSON("b/config.json") { config in
        var model = config["model"] as! [String: Any]
        model["tower"] = [65536, 65536]
        config["model"] = model
      }
    },
    bundle(
      "rank_config_huge_vocabulary",
      "pepnet: {d}/b/config.json: model.fields: the embedding tables would hold 1000000* x 4 values, more than 2147483648"
    ) { s in
      try s.editJSON("b/config.json") { config in
        var model = config["model"] as! [String: Any]
        var fields = model["fields"] as! [[String: Any]]
        fields[0]["vocabularySize"] = 1_000_000_000
        model["fields"] = fields
        config["model"] = model
      }
    },
    bundle(
      "rank_config_format_version",
      "pepnet: {d}/b/config.json: unknown format_version 99 (this pepnet reads 1)"
    ) { s in
      try s.editJSON("b/config.json") { $0["format_version"] = 99 }
    },
    bundle("rank_pipeline_missing", "pepnet: {d}/b/pipeline.json: No such file or directory") { s in
      try s.remove("b/pipeline.json")
    },
    bundle("rank_pipeline_directory", "pepnet: {d}/b/pipeline.json: Is a directory") { s in
      try s.remove("b/pipeline.json")
      try s.mkdir("b/pipeline.json")
    },
    bundle("rank_pipeline_unreadable", "pepnet: {d}/b/pipeline.json: Permission denied", nobody: true) {
      s in
      try s.chmod("b/pipeline.json", 0o000)
    },
    bundle("rank_pipeline_empty", "pepnet: {d}/b/pipeline.json: invalid JSON at top level: *") { s in
      try s.write("b/pipeline.json", "")
    },
    bundle("rank_pipeline_wrong_type", "pepnet: {d}/b/pipeline.json: wrong type for 'users.ids': *") { s in
      try s.editJSON("b/pipeline.json") { pipeline in
        var users = pipeline["users"] as! [String: Any]
        users["ids"] = 7
        pipeline["users"] = users
      }
    },
    bundle(
      "rank_pipeline_short_column",
      "pepnet: {d}/b/pipeline.json: invalid JSON at users: features 'age' has 3 values for 20 ids"
    ) { s in
      try s.editJSON("b/pipeline.json") { pipeline in
        var users = pipeline["users"] as! [String: Any]
        var features = users["features"] as! [[String]]
        features[0] = Array(features[0].prefix(3))
        users["features"] = features
        pipeline["users"] = users
      }
    },
    bundle(
      "explore_pipeline_short_titles",
      "pepnet explore: {d}/b/pipeline.json: invalid JSON at items: titles has 3 values for 30 ids",
      command: ["explore", "BUNDLE", "--snapshot"]
    ) { s in
      try s.editJSON("b/pipeline.json") { pipeline in
        var items = pipeline["items"] as! [String: Any]
        items["titles"] = Array((items["titles"] as! [String]).prefix(3))
        pipeline["items"] = items
      }
    },
    bundle(
      "rank_pipeline_context_default_out_of_range",
      "pepnet: {d}/b/pipeline.json: invalid JSON at context_defaults: context_defaults[0] is 999999, outside 0..<*"
    ) { s in
      try s.editJSON("b/pipeline.json") { $0["context_defaults"] = [999_999, 0] }
    },
    bundle(
      "rank_weights_missing",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: cannot read it (No such file or directory)"
    ) { s in
      try s.remove("b/weights.safetensors")
    },
    bundle(
      "rank_weights_directory",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: cannot read it (Is a directory)"
    ) { s in
      try s.remove("b/weights.safetensors")
      try s.mkdir("b/weights.safetensors")
    },
    bundle(
      "rank_weights_unreadable",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: cannot read it (Permission denied)",
      nobody: true
    ) { s in
      try s.chmod("b/weights.safetensors", 0o000)
    },
    bundle(
      "rank_weights_empty",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: 0 bytes is shorter than the 8-byte header length"
    ) { s in
      try s.write("b/weights.safetensors", "")
    },
    bundle(
      "rank_weights_huge_header",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: header length 4611686018427387904 is absurdly large"
    ) { s in
      try s.editBytes("b/weights.safetensors") { bytes in bytes.replaceSubrange(0..<8, with: le64(1 << 62)) }
    },
    bundle(
      "rank_weights_header_past_end",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: header length 99000000 runs past the end of the *-byte file"
    ) { s in
      try s.editBytes("b/weights.safetensors") { bytes in bytes.replaceSubrange(0..<8, with: le64(99_000_000))
      }
    },
    bundle(
      "rank_weights_truncated",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: tensor '*' ends at byte * of a *-byte data section"
    ) { s in
      try s.editBytes("b/weights.safetensors") { bytes in bytes.removeLast(100) }
    },
    bundle(
      "rank_weights_nan", "pepnet: {d}/b/weights.safetensors: tensor '*' holds a non-finite value at index 0"
    ) { s in
      try s.editBytes("b/weights.safetensors") { bytes in
        let start = 8 + Int(headerLength(bytes))
        bytes.replaceSubrange(
          start..<start + 4, with: withUnsafeBytes(of: Float.nan.bitPattern.littleEndian, Array.init))
      }
    },
    bundle(
      "gates_weights_inf",
      "pepnet: {d}/b/weights.safetensors: tensor '*' holds a non-finite value at index 0",
      command: ["gates", "--model", "BUNDLE", "--user", "u1", "--domain", "featured", "--item", "i1"]
    ) { s in
      try s.editBytes("b/weights.safetensors") { bytes in
        let start = 8 + Int(headerLength(bytes))
        bytes.replaceSubrange(
          start..<start + 4, with: withUnsafeBytes(of: Float.infinity.bitPattern.littleEndian, Array.init))
      }
    },
    bundle(
      "eval_config_empty", "pepnet: {d}/b/config.json: invalid JSON at top level: *",
      command: ["eval", "--model", "BUNDLE", "--data", "DATA"]
    ) { s in
      try s.write("b/config.json", "")
    },
    bundle(
      "explore_config_empty", "pepnet explore: {d}/b/config.json: invalid JSON at top level: *",
      command: ["explore", "BUNDLE"]
    ) { s in
      try s.write("b/config.json", "")
    },
    bundle(
      "explore_weights_huge_header",
      "pepnet explore: {d}/b/weights.safetensors: invalid safetensors file: header length * is absurdly large",
      command: ["explore", "BUNDLE"]
    ) { s in
      try s.editBytes("b/weights.safetensors") { bytes in bytes.replaceSubrange(0..<8, with: le64(UInt64.max))
      }
    },
    c(
      "explore_bundle_missing", 1,
      "pepnet explore: no model bundle at '{d}/nothing' (pass a bundle directory)"
    ) { s in
      ["explore", s.path("nothing")]
    },
    bundle(
      "bench_explorer_config_empty", "pepnet: {d}/b/config.json: invalid JSON at top level: *",
      command: ["bench", "explorer", "BUNDLE"]
    ) { s in
      try s.write("b/config.json", "")
    },
  ]

  static func model(_ s: Scratch) -> String { s.fixture.model }

  static let names: [ErrorCase] = [
    c("rank_unknown_user", 1, "pepnet: unknown user 'u1x'; closest: u1, u10, u11") { s in
      ["rank", "--model", model(s), "--user", "u1x", "--domain", "featured"]
    },
    c("rank_unknown_domain", 1, "pepnet: unknown domain 'feature'; closest: featured, *") { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "feature"]
    },
    c("rank_unknown_task", 1, "pepnet: unknown task 'likes'; closest: like, *") { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--task", "likes"]
    },
    c("rank_blend_unknown_task", 1, "pepnet: unknown task 'folow'; closest: follow, *") { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--weights", "folow=2"]
    },
    c(
      "rank_blend_nan", 2,
      "pepnet: --weights 'like=nan': a weight must be a number in -5...5 (see 'pepnet help')"
    ) { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--weights", "like=nan"]
    },
    c(
      "rank_blend_inf", 2,
      "pepnet: --weights 'like=1e39': a weight must be a number in -5...5 (see 'pepnet help')"
    ) { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--weights", "like=1e39"]
    },
    c("gates_unknown_user", 1, "pepnet: unknown user 'nobody'; closest: *") { s in
      ["gates", "--model", model(s), "--user", "nobody", "--domain", "featured", "--item", "i1"]
    },
    c("gates_unknown_item", 1, "pepnet: unknown item 'i999'; closest: i19, i29, i9") { s in
      ["gates", "--model", model(s), "--user", "u1", "--domain", "featured", "--item", "i999"]
    },
    c("gates_unknown_domain", 1, "pepnet: unknown domain 'home'; closest: *") { s in
      ["gates", "--model", model(s), "--user", "u1", "--domain", "home", "--item", "i1"]
    },
    c("gates_model_without_gates", 1, "pepnet: {dnn}: a dnn model has no gates") { s in
      s.vars["dnn"] = s.fixture.dnn
      return ["gates", "--model", s.fixture.dnn, "--user", "u1", "--domain", "featured", "--item", "i1"]
    },
    c("explore_unknown_user", 1, "pepnet explore: unknown user 'zz'; closest: u0, u1, u2") { s in
      ["explore", model(s), "--snapshot", "--user", "zz"]
    },
    c(
      "explore_unknown_domain", 1,
      "pepnet explore: unknown domain 'zz'; closest: featured, double_column, single_column"
    ) { s in
      ["explore", model(s), "--snapshot", "--domain", "zz"]
    },
    c("explore_unknown_item", 1, "pepnet explore: unknown item 'zz'; closest: i0, i1, i2") { s in
      ["explore", model(s), "--snapshot", "--item", "zz"]
    },
  ]

  static func trainData(_ s: Scratch, _ extra: [String]) -> [String] {
    ["train", "--data", s.fixture.data, "--out", s.path("out")] + extra
  }

  /// Usage errors: exit status 2, nothing read or written.
  static let options: [ErrorCase] = [
    c(
      "train_tower_zero", 2,
      "pepnet: --tower wants comma-separated positive widths such as 256,128; got '0' (see 'pepnet help')"
    ) { s in
      trainData(s, ["--tower", "0"])
    },
    c(
      "train_tower_text", 2,
      "pepnet: --tower wants comma-separated positive widths such as 256,128; got '12,abc' (see 'pepnet help')"
    ) { s in
      trainData(s, ["--tower", "12,abc"])
    },
    c(
      "train_tower_huge", 2,
      "pepnet: --tower wants comma-separated positive widths such as 256,128; got '100000000' (see 'pepnet help')"
    ) { s in
      trainData(s, ["--tower", "100000000"])
    },
    c(
      "train_emb_dim_zero", 2,
      "pepnet: --emb-dim must be in 1...4096; got 0 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--emb-dim", "0"])
    },
    c(
      "train_batch_size_zero", 2,
      "pepnet: --batch-size must be in 1...65536; got 0 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--batch-size", "0"])
    },
    c(
      "train_epochs_negative", 2,
      "pepnet: --epochs must be in 1...100000; got -1 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--epochs=-1"])
    },
    c(
      "train_epochs_text", 2, "pepnet: The value 'ten' is invalid for '--epochs <epochs>' (see 'pepnet help')"
    ) { s in
      trainData(s, ["--epochs", "ten"])
    },
    c(
      "train_epochs_overflow", 2,
      "pepnet: The value '99999999999999999999999' is invalid for '--epochs <epochs>' (see 'pepnet help')"
    ) { s in
      trainData(s, ["--epochs", "99999999999999999999999"])
    },
    c("train_emb_dim_huge", 2, "pepnet: --emb-dim must be in 1...4096; got 100000000 (see 'pepnet help')") {
      s in
      trainData(s, ["--emb-dim", "100000000"])
    },
    c(
      "train_batch_size_huge", 2,
      "pepnet: --batch-size must be in 1...65536; got 1000000000000 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--batch-size", "1000000000000"])
    },
    c(
      "train_gate_hidden_huge", 2,
      "pepnet: --gate-hidden must be in 1...65536; got 100000000 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--gate-hidden", "100000000"])
    },
    c("train_threads_huge", 2, "pepnet: --threads must be in 1...256; got 100000 (see 'pepnet help')") { s in
      trainData(s, ["--threads", "100000"])
    },
    c("train_experts_zero", 2, "pepnet: --experts must be in 1...1024; got 0 (see 'pepnet help')") { s in
      trainData(s, ["--arch", "mmoe", "--experts", "0"])
    },
    c(
      "train_clip_norm_nan", 2,
      "pepnet: --clip-norm must be a finite number, 0 or more; got nan (see 'pepnet help')"
    ) { s in
      trainData(s, ["--clip-norm", "nan"])
    },
    c(
      "train_clip_norm_negative", 2,
      "pepnet: --clip-norm must be a finite number, 0 or more; got -1.0 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--clip-norm=-1"])
    },
    c("train_l2_inf", 2, "pepnet: --l2 must be a finite number, 0 or more; got inf (see 'pepnet help')") {
      s in
      trainData(s, ["--l2", "inf"])
    },
    c("train_patience_negative", 2, "pepnet: --patience must be in 0...100000; got -1 (see 'pepnet help')") {
      s in
      trainData(s, ["--patience=-1"])
    },
    c("train_lr_nan", 2, "pepnet: --lr and --gamma must be positive finite numbers (see 'pepnet help')") {
      s in
      trainData(s, ["--lr", "nan"])
    },
    c("train_lr_inf", 2, "pepnet: --lr and --gamma must be positive finite numbers (see 'pepnet help')") {
      s in
      trainData(s, ["--lr", "inf"])
    },
    c(
      "train_gamma_negative", 2,
      "pepnet: --lr and --gamma must be positive finite numbers (see 'pepnet help')"
    ) { s in
      trainData(s, ["--gamma=-1"])
    },
    c("train_l2_negative", 2, "pepnet: --l2 must be a finite number, 0 or more; got -1.0 (see 'pepnet help')")
    { s in
      trainData(s, ["--l2=-1"])
    },
    c("train_lr_decay_nan", 2, "pepnet: --lr-decay must be in (0, 1]; got nan (see 'pepnet help')") { s in
      trainData(s, ["--lr-decay", "nan"])
    },
    c(
      "train_arch_unknown", 2,
      "pepnet: The value 'transformer' is invalid for '--arch <arch>'*(see 'pepnet help')"
    ) { s in
      trainData(s, ["--arch", "transformer"])
    },
    c("train_missing_data_option", 2, "pepnet: Missing expected argument '--data <data>' (see 'pepnet help')")
    { s in
      ["train", "--out", s.path("out")]
    },
    c(
      "eval_split_unknown", 2,
      "pepnet: The value 'bogus' is invalid for '--split <split>'*(see 'pepnet help')"
    ) { s in
      ["eval", "--model", model(s), "--data", s.fixture.data, "--split", "bogus"]
    },
    c("eval_threads_huge", 2, "pepnet: --threads must be in 1...256; got 1000000 (see 'pepnet help')") { s in
      ["eval", "--model", model(s), "--data", s.fixture.data, "--threads", "1000000"]
    },
    c("rank_top_zero", 2, "pepnet: --top must be at least 1 (see 'pepnet help')") { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--top", "0"]
    },
    c("rank_top_negative", 2, "pepnet: --top must be at least 1 (see 'pepnet help')") { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--top=-3"]
    },
    c(
      "rank_top_overflow", 2,
      "pepnet: The value '99999999999999999999999' is invalid for '--top <top>' (see 'pepnet help')"
    ) { s in
      [
        "rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--top",
        "99999999999999999999999",
      ]
    },
    c("rank_task_and_weights", 2, "pepnet: give --task or --weights, not both (see 'pepnet help')") { s in
      [
        "rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--task", "like", "--weights",
        "like=1",
      ]
    },
    c("explore_size_zero", 2, "pepnet: --size must look like 120x40, got '0x0' (see 'pepnet help')") { s in
      ["explore", model(s), "--snapshot", "--size", "0x0"]
    },
    c(
      "explore_size_below_minimum", 2, "pepnet: --size must be at least 80x24, got '10x5' (see 'pepnet help')"
    ) { s in
      ["explore", model(s), "--snapshot", "--size", "10x5"]
    },
    c(
      "explore_weights_out_of_range", 2,
      "pepnet: --weights 'hate=9': a weight must be a number in -5...5 (see 'pepnet help')"
    ) {
      s in
      ["explore", model(s), "--snapshot", "--weights", "like=1,hate=9"]
    },
    c(
      "explore_weights_unknown_task", 1,
      "pepnet explore: unknown task 'love'; closest: like, hate, comment"
    ) { s in
      ["explore", model(s), "--snapshot", "--weights", "love=1"]
    },
    c("explore_size_huge", 2, "pepnet: --size must look like 120x40, got '100000x100000' (see 'pepnet help')")
    { s in
      ["explore", model(s), "--snapshot", "--size", "100000x100000"]
    },
    c(
      "explore_user_without_snapshot", 2,
      "pepnet: --user, --domain and --item apply to --snapshot (see 'pepnet help')"
    ) { s in
      ["explore", model(s), "--user", "u1"]
    },
    c("generate_users_zero", 2, "pepnet: users, items and authors must be positive (see 'pepnet help')") {
      s in
      ["generate", "--out", s.path("out"), "--users", "0"]
    },
    c("generate_impressions_negative", 2, "pepnet: impressions must not be negative (see 'pepnet help')") {
      s in
      ["generate", "--out", s.path("out"), "--impressions=-1"]
    },
    c(
      "generate_valid_fraction_nan", 2,
      "pepnet: --valid-fraction must be in (0, 1), got nan (see 'pepnet help')"
    ) { s in
      ["generate", "--out", s.path("out"), "--valid-fraction", "nan"]
    },
    c("bench_score_chunk_zero", 2, "pepnet: --chunk must be in 1...65536; got 0 (see 'pepnet help')") { s in
      ["bench", "score", "--chunk", "0"]
    },
    c("bench_score_calls_zero", 2, "pepnet: --calls must be in 1...10000; got 0 (see 'pepnet help')") { s in
      ["bench", "score", "--calls", "0"]
    },
    c(
      "bench_score_candidates_zero", 2,
      "pepnet: --candidates must be in 1...100000000; got 0 (see 'pepnet help')"
    ) { s in
      ["bench", "score", "--candidates", "0"]
    },
    c("bench_train_steps_zero", 2, "pepnet: --steps must be in 1...1000; got 0 (see 'pepnet help')") { s in
      ["bench", "train", "--steps", "0"]
    },
    c("bench_train_steps_huge", 2, "pepnet: --steps must be in 1...1000; got 1000000000 (see 'pepnet help')")
    { s in
      ["bench", "train", "--steps", "1000000000"]
    },
    c("bench_ingest_repeats_zero", 2, "pepnet: --repeats must be in 1...100; got 0 (see 'pepnet help')") {
      s in
      ["bench", "ingest", "--data", s.fixture.data, "--repeats", "0"]
    },
    c(
      "bench_explorer_presses_negative", 2,
      "pepnet: --presses must be in 0...1000000; got -1 (see 'pepnet help')"
    ) { s in
      ["bench", "explorer", model(s), "--presses=-1"]
    },
    c("unknown_command", 2, "pepnet: Unexpected argument 'frobnicate' (see 'pepnet help')") { _ in
      ["frobnicate"]
    },
  ]

  /// Usage errors that `pepnet generate` does not detect yet (each names its option).
  /// Generate sizes that would run for hours or exhaust memory.
  static let generateBounds: [ErrorCase] = [
    (
      "generate_users_huge", ["--users", "1000000000000"], "--users must be in 1...1000000; got 1000000000000"
    ),
    (
      "generate_impressions_huge", ["--impressions", "100000000000"],
      "--impressions must be in 0...1000000000; got 100000000000"
    ),
  ].map { name, extra, message in
    c(name, 2, "pepnet: \(message) (see 'pepnet help')") { s in ["generate", "--out", s.path("out")] + extra }
  }

  /// Output locations that cannot be written.
  static let outputs: [ErrorCase] = [
    c(
      "generate_out_is_a_file", 1,
      "pepnet: {d}/file: exists and is not a directory (a dataset is a directory)"
    ) {
      s in
      try s.write("file", "x")
      return [
        "generate", "--out", s.path("file"), "--users", "20", "--items", "30", "--authors", "5",
        "--impressions", "100",
      ]
    },
    c(
      "generate_out_unwritable", 1, "pepnet: {d}/ro/data: cannot create it: {d}/ro: Permission denied",
      nobody: true
    ) {
      s in
      try s.mkdir("ro")
      try s.chmod("ro", 0o555)
      return [
        "generate", "--out", s.path("ro/data"), "--users", "20", "--items", "30", "--authors", "5",
        "--impressions", "100",
      ]
    },
    c(
      "generate_out_not_a_dataset", 1,
      "pepnet: {d}/notes: the folder is not empty and holds no generated dataset (no generator.json);"
        + " generate into a new folder"
    ) { s in
      try s.mkdir("notes")
      try s.write("notes/todo.txt", "keep me")
      return [
        "generate", "--out", s.path("notes"), "--users", "20", "--items", "30", "--authors", "5",
        "--impressions", "100",
      ]
    },
    c(
      "train_out_unwritable", 1, "pepnet: {d}/ro/m: cannot create it: {d}/ro: Permission denied",
      nobody: true
    ) { s in
      try s.mkdir("ro")
      try s.chmod("ro", 0o555)
      return [
        "train", "--data", s.fixture.data, "--out", s.path("ro/m"), "--epochs", "1", "--tower", "8",
        "--emb-dim", "4", "--gate-hidden", "8",
      ]
    },
    c(
      "train_out_is_a_file", 1,
      "pepnet: {d}/file: exists and is not a directory (a model bundle is a directory)"
    ) { s in
      try s.write("file", "x")
      return [
        "train", "--data", s.fixture.data, "--out", s.path("file"), "--epochs", "1", "--tower", "8",
        "--emb-dim", "4", "--gate-hidden", "8", "--no-checkpoint",
      ]
    },
    c(
      "bench_ingest_out_unwritable", 1,
      "pepnet: {d}/ro/results.jsonl: cannot append to it: Permission denied", nobody: true
    ) { s in
      try s.mkdir("ro")
      try s.chmod("ro", 0o555)
      return [
        "bench", "ingest", "--data", s.fixture.data, "--repeats", "1", "--out", s.path("ro/results.jsonl"),
      ]
    },
    c(
      "bench_score_out_missing_folder", 1,
      "pepnet: {d}/nothing/results.jsonl: cannot append to it: No such file or directory"
    ) { s in
      [
        "bench", "score", "--candidates", "10", "--calls", "1", "--warmup", "0", "--out",
        s.path("nothing/results.jsonl"),
      ]
    },
    c("bench_score_out_is_a_directory", 1, "pepnet: {d}/dir: cannot append to it: Is a directory") { s in
      try s.mkdir("dir")
      return [
        "bench", "score", "--candidates", "10", "--calls", "1", "--warmup", "0", "--out", s.path("dir"),
      ]
    },
  ]
}

private func le64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }

private func headerLength(_ bytes: [UInt8]) -> UInt64 {
  bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
}
