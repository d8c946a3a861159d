import Foundation
import Testing

/// `pepnet generate` gives train, valid and test at least one row each whenever it accepts
/// `--impressions` (at least 3): the split of each row is drawn at random, and the last rows go
/// to a split that is still empty. Before, `--impressions 3` wrote empty splits (status 0) that
/// `train` then rejected.
@Suite struct GenerateSplitTests {
  func dataRows(_ file: String) throws -> Int {
    try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count - 1
  }

  @Test(arguments: [3, 4, 7])
  func everySplitGetsARow(impressions: Int) throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "generate_splits_\(impressions)")
    defer { scratch.remove() }
    for seed in 1...8 {
      let out = scratch.path("g\(seed)")
      let r = try fixture.run([
        "generate", "--out", out, "--seed", "\(seed)", "--users", "5", "--items", "5", "--authors", "2",
        "--impressions", "\(impressions)",
      ])
      try #require(r.status == 0, "\(r.stderr)")
      let rows = try ["train", "valid", "test"].map { try dataRows(out + "/\($0).csv") }
      #expect(rows.allSatisfy { $0 >= 1 } && rows.reduce(0, +) == impressions, "seed \(seed): \(rows)")
    }
    let train = try fixture.run([
      "train", "--data", scratch.path("g1"), "--out", scratch.path("m"), "--epochs", "1", "--tower", "8",
      "--emb-dim", "4", "--gate-hidden", "8",
    ])
    #expect(train.status == 0, "train accepts the smallest dataset: \(train.stderr)")
  }
}
