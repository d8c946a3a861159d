import Foundation

/// Issue 11's cases of docs/errors.md for this area, run by `ErrorCaseTests.failsWithOneLine`.
extension ErrorCases {
  static let standardOutput: [ErrorCase] = blendWeights + echoedNames + nonFiniteScores + resultFiles

  /// `pepnet rank --weights WEIGHTS` on the tiny bundle.
  static func rankWeights(_ name: String, _ weights: String, _ message: String) -> ErrorCase {
    c(name, 2, message + " (see 'pepnet help')") { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--weights", weights]
    }
  }

  /// `--weights` is checked before the bundle is read: each weight in -5...5, each task once, not
  /// all 0, not empty.
  static let blendWeights: [ErrorCase] = [
    rankWeights(
      "rank_blend_huge", "like=3.4e38",
      "pepnet: --weights 'like=3.4e38': a weight must be a number in -5...5"),
    rankWeights(
      "rank_blend_below_range", "hate=-6", "pepnet: --weights 'hate=-6': a weight must be a number in -5...5"),
    rankWeights(
      "rank_blend_empty", "",
      "pepnet: --weights is empty; give TASK=NUMBER pairs such as like=1,follow=2"),
    rankWeights(
      "rank_blend_only_commas", " , ",
      "pepnet: --weights is empty; give TASK=NUMBER pairs such as like=1,follow=2"),
    rankWeights(
      "rank_blend_all_zero", "like=0", "pepnet: --weights are all 0: every item would score 0"),
    rankWeights(
      "rank_blend_all_zero_several", "like=0,hate=-0",
      "pepnet: --weights are all 0: every item would score 0"),
    rankWeights(
      "rank_blend_task_twice", "like=1,follow=2,like=3", "pepnet: --weights names task 'like' twice"),
    rankWeights(
      "rank_blend_empty_pair", "like=1,,follow=2",
      "pepnet: --weights wants TASK=NUMBER pairs separated by commas, e.g. like=1,follow=2; got ''"),
  ]

  /// Names typed by a user are echoed at most 64 characters long, with control characters escaped.
  static let echoedNames: [ErrorCase] = [
    c(
      "rank_user_131kb", 1,
      "pepnet: unknown user '\(String(repeating: "x", count: 64))…'"
    ) { s in
      ["rank", "--model", model(s), "--user", String(repeating: "x", count: 131_000), "--domain", "featured"]
    },
    c(
      "rank_user_control_characters", 1,
      "pepnet: unknown user 'u1\\u{1B}[2J\\u{1B}]0;pwned\\u{7}'; closest: *"
    ) { s in
      ["rank", "--model", model(s), "--user", "u1\u{1B}[2J\u{1B}]0;pwned\u{7}", "--domain", "featured"]
    },
    c(
      "rank_task_c1_control", 1, "pepnet: unknown task 'like\\u{9B}31m'; closest: like, *"
    ) { s in
      ["rank", "--model", model(s), "--user", "u1", "--domain", "featured", "--task", "like\u{9B}31m"]
    },
    c(
      "gates_item_control_characters", 1, "pepnet: unknown item 'i1\\u{A}fake line'; closest: *"
    ) { s in
      ["gates", "--model", model(s), "--user", "u1", "--domain", "featured", "--item", "i1\nfake line"]
    },
    c(
      "explore_snapshot_user_control_characters", 1,
      "pepnet explore: unknown user 'u1\\u{1B}[2J'; closest: *"
    ) { s in
      ["explore", model(s), "--snapshot", "--user", "u1\u{1B}[2J"]
    },
  ]

  /// A model whose probabilities come out NaN fails naming the task and item, never an empty JSON
  /// (or a table of NaNs) with status 0. The weights are finite (the bundle loader refuses NaN
  /// tensors) but huge: `embedding.hour` at +-3e38, so `+inf + -inf` happens in the towers.
  static let nonFiniteScores: [ErrorCase] = [
    bundle(
      "rank_json_score_nan",
      "pepnet: {d}/b: task 'long_view' scores item 'i0' nan for user u1 in featured, not a probability",
      command: rankU1 + ["--json"]
    ) { s in
      try s.makeEmbeddingsHuge("embedding.hour")
    },
    bundle(
      "rank_text_score_nan",
      "pepnet: {d}/b: task 'long_view' scores item 'i0' nan for user u1 in featured, not a probability"
    ) { s in
      try s.makeEmbeddingsHuge("embedding.hour")
    },
    // At bf16 too (fp32 where the CPU has no bf16): oneDNN's ReLU post-op would turn the NaN into 0.
    bundle(
      "rank_bf16_score_nan",
      "pepnet: {d}/b: task 'long_view' scores item 'i0' nan for user u1 in featured, not a probability",
      command: rankU1 + ["--precision", "bf16"]
    ) { s in
      try s.makeEmbeddingsHuge("embedding.hour")
    },
    bundle(
      "gates_json_gate_nan",
      "pepnet: {d}/b: PPNet gate of task 'long_view', layer 1 is nan for user u1, item i1 in featured",
      command: [
        "gates", "--model", "BUNDLE", "--user", "u1", "--domain", "featured", "--item", "i1", "--json",
      ]
    ) { s in
      try s.makeEmbeddingsHuge("embedding.hour")
    },
  ]

  /// A results file that cannot take the line fails in one line, before anything is printed.
  static let resultFiles: [ErrorCase] = [
    c("bench_ingest_out_dev_full", 1, "pepnet: /dev/full: cannot append to it: No space left on device") {
      s in
      ["bench", "ingest", "--data", s.fixture.data, "--repeats", "1", "--out", "/dev/full"]
    }
  ]
}

extension Scratch {
  /// Sets every value of the tensor `name` in `b/weights.safetensors` to +3e38 and -3e38 in turn:
  /// finite, but the sums the model forms of them overflow to +inf and -inf, and NaN follows.
  func makeEmbeddingsHuge(_ name: String) throws {
    try editBytes("b/weights.safetensors") { bytes in
      let headerLength = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
      let header =
        try! JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as! [String: Any]
      let offsets = (header[name] as! [String: Any])["data_offsets"] as! [Int]
      for (k, start) in stride(from: 8 + headerLength + offsets[0], to: 8 + headerLength + offsets[1], by: 4)
        .enumerated()
      {
        let value: Float = k % 2 == 0 ? 3e38 : -3e38
        withUnsafeBytes(of: value.bitPattern.littleEndian) {
          bytes.replaceSubrange(start..<(start + 4), with: $0)
        }
      }
    }
  }
}
