import Foundation

/// Issue 18 item 8's bad-input cases (docs/errors.md, "Added for issue 18: candidates"), run by
/// `ErrorCaseTests.failsWithOneLine`: a bundle's candidate sets are catalogue indices that
/// `rank` and the explorer look items up by, so a set per domain, each ascending inside the
/// catalogue, is checked at load.
extension ErrorCases {
  static let candidateCases: [ErrorCase] = [
    bundle(
      "rank_pipeline_candidates_past_catalogue",
      "pepnet: {d}/b/pipeline.json: invalid JSON at candidates: candidates[1][1] is 3600, outside 0..<30"
    ) { s in
      try s.editJSON("b/pipeline.json") { $0["candidates"] = [[0], [0, 3600], [1]] }
    },
    bundle(
      "rank_pipeline_candidates_two_sets",
      "pepnet: {d}/b/pipeline.json: invalid JSON at candidates: candidates has 2 sets for 3 domains"
    ) { s in
      try s.editJSON("b/pipeline.json") { $0["candidates"] = [[0], [1]] }
    },
    bundle(
      "explore_snapshot_pipeline_candidates_descending",
      "pepnet explore: {d}/b/pipeline.json: invalid JSON at candidates: candidates[0][1] is 2, not above"
        + " candidates[0][0] (each set ascends)",
      command: ["explore", "BUNDLE", "--snapshot"]
    ) { s in
      try s.editJSON("b/pipeline.json") { $0["candidates"] = [[5, 2], [0], [1]] }
    },
  ]
}
