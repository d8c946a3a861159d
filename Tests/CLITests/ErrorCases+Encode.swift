import Foundation

/// Issue 17's bad-input cases of `pepnet encode` (docs/errors.md), run by
/// `ErrorCaseTests.failsWithOneLine`.
///
/// The output folder is checked before anything is read; a bad row in any split (the last one,
/// test.csv, included) fails the whole command after the train and valid shards were built in a
/// temporary folder, and the listing check of `failsWithOneLine` shows that nothing was left.
extension ErrorCases {
  /// `pepnet encode` of a copy of the tiny dataset (at `d`) into `{d}/enc`, broken by `breakIt`.
  static func encode(
    _ name: String, _ message: String, status: Int32 = 1, progress: Bool = true, extra: [String] = [],
    out: String = "enc", _ breakIt: @escaping @Sendable (Scratch) throws -> Void = { _ in }
  ) -> ErrorCase {
    c(name, status, message, progress: progress) { s in
      let data = try s.copyData()
      try breakIt(s)
      return ["encode", "--data", data, "--out", s.path(out)] + extra
    }
  }

  static let encodeCases: [ErrorCase] = [
    c(
      "encode_data_folder_missing", 1,
      "pepnet: {d}/nothing/schema.json: cannot read: No such file or directory"
    ) { s in
      ["encode", "--data", s.path("nothing"), "--out", s.path("enc")]
    },
    encode(
      "encode_out_is_a_file",
      "pepnet: {d}/enc: exists and is not a directory (an encoded dataset is a directory)",
      progress: false
    ) { s in
      try s.write("enc", "not a folder")
    },
    encode(
      "encode_out_foreign_folder",
      "pepnet: {d}/enc: the folder is not empty and holds no encoded dataset (no valid encoded.json); encode into a new folder",
      progress: false
    ) { s in
      try s.mkdir("enc")
      try s.write("enc/thesis.txt", "keep me")
    },
    encode(
      "encode_out_is_the_data", "pepnet: {d}/d: is the dataset folder; encode into a new folder",
      progress: false,
      out: "d"),
    encode(
      "encode_shard_rows_zero", "pepnet: --shard-rows must be in 1...16777216; got 0 (see 'pepnet help')",
      status: 2, progress: false, extra: ["--shard-rows", "0"]),
    encode(
      "encode_test_label_text",
      "pepnet: {d}/d/test.csv:3:{col}: label 'like' must be 0 or 1 (or 0.0, 1.0, false, true),"
        + " or missing (empty, NA, NaN), found 'yes'",
      extra: ["--shard-rows", "7"]
    ) { s in
      try s.setField("d/test.csv", line: 3, column: "like", to: "yes")
    },
    encode("encode_valid_unknown_domain", "pepnet: {d}/d/valid.csv:2:{col}: unknown domain 'nowhere'*") { s in
      try s.setField("d/valid.csv", line: 2, column: "domain", to: "nowhere")
    },
  ]
}
