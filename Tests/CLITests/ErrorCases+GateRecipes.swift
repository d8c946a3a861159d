import Foundation

/// Issue 16's gate recipe options of `pepnet train` (docs/errors.md, "Added for issue 16: gate
/// recipes"): usage errors, exit 2, nothing read or written.
extension ErrorCases {
  static let gateRecipeCases: [ErrorCase] = [
    c(
      "train_gate_l2_negative", 2,
      "pepnet: --gate-l2 must be a finite number, 0 or more; got -1.0 (see 'pepnet help')"
    ) { s in
      trainData(s, ["--gate-l2=-1"])
    },
    c(
      "train_gate_l2_nan", 2,
      "pepnet: --gate-l2 must be a finite number, 0 or more; got nan (see 'pepnet help')"
    ) {
      s in trainData(s, ["--gate-l2", "nan"])
    },
    c(
      "train_gate_init_unknown", 2,
      "pepnet: The value 'ones' is invalid for '--gate-init <gate-init>'*(see 'pepnet help')"
    ) { s in
      trainData(s, ["--gate-init", "ones"])
    },
  ]
}
