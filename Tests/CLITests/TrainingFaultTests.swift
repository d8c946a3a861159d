import Foundation
import PepnetTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Faults with the real binary: a `kill -9` in the middle of saving a bundle, a checkpoint or a
/// generated dataset (stopped there by `PEPNET_FAULT_PAUSE`) leaves the previous one intact and
/// loadable, and `pepnet train --resume` after a kill ends with the same weights as a run that was
/// never interrupted.
@Suite(.serialized) struct TrainingFaultTests {
  /// A tiny generated dataset and a scratch folder, removed afterwards.
  final class Scratch {
    let path: String
    var data: String { path + "/data" }

    init() throws {
      path =
        FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-faults-\(UUID().uuidString)")
        .path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let generate = try PepnetProcess.run([
        "generate", "--out", data, "--seed", "3", "--users", "30", "--items", "40", "--authors", "8",
        "--impressions", "3000",
      ])
      #expect(generate.exitStatus == 0, "\(generate.stderr)")
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
  }

  /// `pepnet train` on the tiny data with a small PEPNet.
  func trainArguments(_ scratch: Scratch, out: String, seed: Int = 1, epochs: Int = 3) -> [String] {
    [
      "train", "--data", scratch.data, "--out", out, "--seed", "\(seed)", "--epochs", "\(epochs)",
      "--patience", "9",
      "--threads", "2", "--batch-size", "64", "--emb-dim", "4", "--tower", "16", "--gate-hidden", "8",
      "--lr-decay", "0.9",
    ]
  }

  /// Starts `arguments` with the pause at `point`, waits until it is there, and kills it with SIGKILL.
  func killWhilePaused(_ arguments: [String], at point: String, scratch: Scratch) throws {
    let marker = scratch.path + "/paused-\(UUID().uuidString)"
    let process = try PepnetProcess(arguments, environment: ["PEPNET_FAULT_PAUSE": "\(point):\(marker)"])
    let deadline = Date().addingTimeInterval(180)
    while !FileManager.default.fileExists(atPath: marker) && Date() < deadline {
      if waitpid(process.pid, nil, WNOHANG) == process.pid {
        Issue.record("pepnet ended before reaching \(point): \(process.stderr)")
        return
      }
      usleep(20_000)
    }
    try #require(FileManager.default.fileExists(atPath: marker), "pepnet never reached \(point)")
    kill(process.pid, SIGKILL)
    #expect(process.wait() == 128 + SIGKILL)
  }

  /// The training seed recorded in a bundle's config.json.
  func recordedSeed(_ bundle: String) throws -> Int? {
    let data = try Data(contentsOf: URL(fileURLWithPath: bundle + "/config.json"))
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return (json?["training"] as? [String: Any])?["seed"] as? Int
  }

  func siblings(of path: String) -> [String] {
    let parent = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    return ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter {
      $0.hasPrefix(".\(name).tmp-")
    }
  }

  /// With one epoch, the second directory replaced is the bundle (the first is the checkpoint).
  @Test(arguments: ["bundle-mid-write", "before-swap@2"])
  func killDuringASaveLeavesThePreviousBundleLoadable(point: String) throws {
    let scratch = try Scratch()
    let bundle = scratch.path + "/model"
    let first = try PepnetProcess.run(trainArguments(scratch, out: bundle, seed: 1, epochs: 1))
    try #require(first.exitStatus == 0, "\(first.stderr)")

    try killWhilePaused(trainArguments(scratch, out: bundle, seed: 2, epochs: 1), at: point, scratch: scratch)
    #expect(
      siblings(of: bundle).count == 1, "the killed save's temporary directory is left beside the bundle")
    let eval = try PepnetProcess.run(["eval", "--model", bundle, "--data", scratch.data, "--json"])
    #expect(eval.exitStatus == 0, "the previous bundle loads: \(eval.stderr)")
    #expect(try recordedSeed(bundle) == 1, "and it is the previous bundle, not a mixture")

    let again = try PepnetProcess.run(trainArguments(scratch, out: bundle, seed: 3, epochs: 1))
    #expect(again.exitStatus == 0, "\(again.stderr)")
    #expect(try recordedSeed(bundle) == 3)
    #expect(siblings(of: bundle).isEmpty, "the next save removes the dead process's temporary directory")
  }

  @Test func killDuringGenerateLeavesThePreviousDatasetWhole() throws {
    let scratch = try Scratch()
    let arguments = { (seed: Int) in
      [
        "generate", "--out", scratch.data, "--seed", "\(seed)", "--users", "30", "--items", "40", "--authors",
        "8",
        "--impressions", "3000",
      ]
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: scratch.data + "/train.csv"))
    try killWhilePaused(arguments(4), at: "before-swap", scratch: scratch)
    #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.data + "/train.csv")) == before)
    #expect(siblings(of: scratch.data).count == 1, "the complete but unswapped new dataset")
    let again = try PepnetProcess.run(arguments(4))
    #expect(again.exitStatus == 0, "\(again.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.data + "/train.csv")) != before)
    #expect(siblings(of: scratch.data).isEmpty)
  }

  @Test func resumeAfterAKillDuringACheckpointMatchesAnUninterruptedRun() throws {
    let scratch = try Scratch()
    let straight = scratch.path + "/straight"
    let run = try PepnetProcess.run(trainArguments(scratch, out: straight))
    try #require(run.exitStatus == 0, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: straight + ".checkpoint"), "removed after a finished run")

    // Killed while writing epoch 2's checkpoint: epoch 1's must survive, and resuming redoes 2 and 3.
    let resumed = scratch.path + "/resumed"
    try killWhilePaused(trainArguments(scratch, out: resumed), at: "checkpoint-mid-write@2", scratch: scratch)
    #expect(!FileManager.default.fileExists(atPath: resumed), "no bundle before training ends")
    let resume = try PepnetProcess.run(trainArguments(scratch, out: resumed) + ["--resume"])
    try #require(resume.exitStatus == 0, "\(resume.stderr)")
    #expect(resume.stderr.contains("resuming from \(resumed).checkpoint at epoch 2"), "\(resume.stderr)")

    let a = try Data(contentsOf: URL(fileURLWithPath: straight + "/weights.safetensors"))
    let b = try Data(contentsOf: URL(fileURLWithPath: resumed + "/weights.safetensors"))
    #expect(a == b, "the resumed run ends with the uninterrupted run's weights")
    let evalA = try PepnetProcess.run(["eval", "--model", straight, "--data", scratch.data, "--json"])
    let evalB = try PepnetProcess.run(["eval", "--model", resumed, "--data", scratch.data, "--json"])
    #expect(evalA.exitStatus == 0 && evalA.stdout == evalB.stdout)
  }

  @Test func resumeWithOtherOptionsIsRefusedInOneLine() throws {
    let scratch = try Scratch()
    let bundle = scratch.path + "/model"
    try killWhilePaused(trainArguments(scratch, out: bundle), at: "checkpoint-mid-write@2", scratch: scratch)
    let other = try PepnetProcess.run(
      trainArguments(scratch, out: bundle) + ["--resume", "--batch-size", "32"])
    #expect(other.exitStatus == 1)
    // Progress lines come first; the error is the last line.
    #expect(
      other.stderr.split(separator: "\n").last.map(String.init)
        == "pepnet: \(bundle).checkpoint: made with other training settings (batch size: 64 in the checkpoint,"
        + " 32 now); resume with the same options")
    let none = try PepnetProcess.run(trainArguments(scratch, out: scratch.path + "/fresh") + ["--resume"])
    #expect(none.exitStatus == 1)
    #expect(
      none.stderr.hasSuffix(
        "fresh.checkpoint: no checkpoint to resume from (pepnet train writes one after each epoch)\n"))
  }
  /// A resume after the data changed (here more users, so a larger user_id vocabulary) names the
  /// first difference in one line; it used to print the checkpoint's and the run's whole field
  /// lists as JSON (3 KB).
  @Test func resumeAfterADataChangeNamesTheFirstDifference() throws {
    let scratch = try Scratch()
    let bundle = scratch.path + "/model"
    try killWhilePaused(trainArguments(scratch, out: bundle), at: "checkpoint-mid-write@2", scratch: scratch)
    let regenerate = try PepnetProcess.run([
      "generate", "--out", scratch.data, "--seed", "3", "--users", "45", "--items", "40", "--authors", "8",
      "--impressions", "3000",
    ])
    try #require(regenerate.exitStatus == 0, "\(regenerate.stderr)")
    let resume = try PepnetProcess.run(trainArguments(scratch, out: bundle) + ["--resume"])
    #expect(resume.exitStatus == 1)
    let last = resume.stderr.split(separator: "\n").last.map(String.init) ?? ""
    #expect(
      Glob.matches(
        "pepnet: \(bundle).checkpoint: made from other data (field 'user_id': * values in the checkpoint, * now);"
          + " resume with the same data", last), "\(last)")
    #expect(last.count < 300, "one short line: \(last)")
  }
}
