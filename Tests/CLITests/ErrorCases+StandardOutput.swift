/// Issue 11's cases of docs/errors.md for this area, run by `ErrorCaseTests.failsWithOneLine`.
extension ErrorCases {
  static let standardOutput: [ErrorCase] = []
}
