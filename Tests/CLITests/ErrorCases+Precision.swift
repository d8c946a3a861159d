/// Issue 15's `--precision` cases of docs/errors.md, run by `ErrorCaseTests.failsWithOneLine`: an
/// unknown precision is a usage error on every command that takes the option.
extension ErrorCases {
  static let precisionCases: [ErrorCase] = [
    c(
      "rank_gates_average_bf16", 2,
      "pepnet: --gates average is computed in fp32; drop --precision bf16 (see 'pepnet help')"
    ) { s in
      [
        "rank", "--model", s.fixture.model, "--user", "u1", "--domain", "featured", "--gates", "average",
        "--precision", "bf16",
      ]
    },
    c(
      "rank_precision_unknown", 2,
      "pepnet: The value 'fp16' is invalid for '--precision <precision>'*(see 'pepnet help')"
    ) { s in
      ["rank", "--model", s.fixture.model, "--user", "u1", "--domain", "featured", "--precision", "fp16"]
    },
    c(
      "gates_precision_case", 2,
      "pepnet: The value 'BF16' is invalid for '--precision <precision>'*(see 'pepnet help')"
    ) { s in
      [
        "gates", "--model", s.fixture.model, "--user", "u1", "--domain", "featured", "--item", "i1",
        "--precision", "BF16",
      ]
    },
    c(
      "eval_precision_empty", 2,
      "pepnet: The value '' is invalid for '--precision <precision>'*(see 'pepnet help')"
    ) { s in
      ["eval", "--model", s.fixture.model, "--data", s.fixture.data, "--precision", ""]
    },
    c(
      "bench_score_precision_unknown", 2,
      "pepnet: The value 'int8' is invalid for '--precision <precision>'*(see 'pepnet help')"
    ) { s in
      ["bench", "score", "--candidates", "10", "--calls", "1", "--warmup", "0", "--precision", "int8"]
    },
  ]
}
