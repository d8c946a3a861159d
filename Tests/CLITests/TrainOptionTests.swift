import Foundation
import PepnetTestSupport
import Testing

/// `pepnet train`'s `--task-weights` and `--lr-decay` reach the optimisation: neutral values
/// change nothing, others change the weights; bad values are usage errors.
@Suite(.serialized) struct TrainOptionTests {
  let scratch: String
  init() throws {
    scratch =
      FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-options-\(UUID().uuidString)")
      .path
    let generate = try PepnetProcess.run([
      "generate", "--out", scratch + "/data", "--seed", "4", "--users", "20", "--items", "30", "--authors",
      "6",
      "--impressions", "1500",
    ])
    try #require(generate.exitStatus == 0, "\(generate.stderr)")
  }

  /// Trains two epochs with `extra` options: the bytes of the weights file (the best epoch's) and
  /// the second epoch's training loss as logged.
  func train(_ name: String, _ extra: [String]) throws -> (weights: Data, secondLoss: String) {
    let out = scratch + "/" + name
    let run = try PepnetProcess.run(
      [
        "train", "--data", scratch + "/data", "--out", out, "--epochs", "2", "--patience", "5", "--threads",
        "1",
        "--batch-size", "64", "--emb-dim", "4", "--tower", "8", "--gate-hidden", "4", "--no-checkpoint",
      ] + extra)
    try #require(run.exitStatus == 0, "\(run.stderr)")
    let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("epoch 2: train loss ") })
    return (
      try Data(contentsOf: URL(fileURLWithPath: out + "/weights.safetensors")),
      String(line.dropFirst("epoch 2: train loss ".count).prefix(while: { $0 != "," }))
    )
  }

  @Test func neutralValuesChangeNothingAndOthersChangeTheTraining() throws {
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let plain = try train("plain", [])
    let ones = try train("ones", ["--task-weights", "1,1,1,1,1,1", "--lr-decay", "1"])
    #expect(ones.weights == plain.weights && ones.secondLoss == plain.secondLoss)
    #expect(try train("named", ["--task-weights", "like=1"]).weights == plain.weights)
    #expect(try train("like2", ["--task-weights", "like=2"]).secondLoss != plain.secondLoss)
    // Epoch 1 is the same at any decay; epoch 2 runs at half the learning rate.
    #expect(try train("decay", ["--lr-decay", "0.5"]).secondLoss != plain.secondLoss)
  }

  @Test func badValuesAreUsageErrors() throws {
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let base = ["train", "--data", scratch + "/data", "--out", scratch + "/never", "--epochs", "1"]
    for (extra, message) in [
      (
        ["--task-weights", "likes=2"],
        "pepnet: --task-weights: 'likes=2' is not task=weight with a task of long_view,"
      ),
      (["--task-weights", "1,2"], "pepnet: --task-weights has 2 weights; the data has 6 tasks"),
      (["--task-weights", "like=nan"], "pepnet: --task-weights: 'nan' is not a finite, non-negative weight"),
      (["--lr-decay", "0"], "pepnet: --lr-decay must be in (0, 1]; got 0.0"),
    ] {
      let run = try PepnetProcess.run(base + extra)
      #expect(run.exitStatus == 2, "\(extra)")
      let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("pepnet: ") }
      #expect(errors.count == 1 && errors[0].hasPrefix(message), "\(extra): \(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: scratch + "/never"))
    }
  }
}
