/// Issue 11's cases of docs/errors.md for this area, run by `ErrorCaseTests.failsWithOneLine`.
/// The cases that need a terminal (`TERM` checks) are `ExplorerTerminalTypeTests`; the signal and
/// quit cases are tmux tests in `EndToEndTests`.
extension ErrorCases {
  static let explorerTerminal: [ErrorCase] = [
    c(
      "explore_not_a_terminal", 2,
      "pepnet explore: needs an interactive terminal, but stdin and stdout are not a terminal (try --snapshot)"
    ) { s in
      ["explore", s.fixture.model]
    },
    c(
      "bench_explorer_changes_negative", 2,
      "pepnet: --changes must be in 0...10000; got -1 (see 'pepnet help')"
    ) {
      s in
      ["bench", "explorer", s.fixture.model, "--changes=-1"]
    },
    c(
      "bench_explorer_size_zero", 2, "pepnet: --size must look like 120x40, got '0x0' (see 'pepnet help')"
    ) { s in
      ["bench", "explorer", s.fixture.model, "--size", "0x0"]
    },
  ]
}
