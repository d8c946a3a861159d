import Foundation
import PepnetTestSupport
import Testing

/// Issue 15 item 5: a checkpoint records the precision its run trained at, and `--resume` at
/// another precision is refused in one line, as any other changed training setting is: the resumed
/// run would not end with the weights of one that was never stopped.
extension TrainingFaultTests {
  @Test func resumeAtAnotherPrecisionIsRefusedInOneLine() throws {
    let scratch = try Scratch()
    let bundle = scratch.path + "/model"
    let arguments = trainArguments(scratch, out: bundle)
    try killWhilePaused(arguments + ["--precision", "bf16"], at: "checkpoint-mid-write@2", scratch: scratch)
    let state = try Data(contentsOf: URL(fileURLWithPath: bundle + ".checkpoint/checkpoint.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: state) as? [String: Any])
    let settings = try #require(json["settings"] as? [String: Any])
    // bf16 where oneDNN has native bf16 (AVX512-BF16, AMX); elsewhere the run trained, and says
    // it trained, in fp32, and there is no other precision to resume at.
    let recorded = try #require(settings["precision"] as? String)
    try #require(recorded == "bf16" || recorded == "fp32")
    guard recorded == "bf16" else { return }
    let resume = try PepnetProcess.run(arguments + ["--resume", "--precision", "fp32"])
    #expect(resume.exitStatus == 1)
    #expect(
      resume.stderr.split(separator: "\n").last.map(String.init)
        == "pepnet: \(bundle).checkpoint: made with other training settings (precision: bf16 in the checkpoint,"
        + " fp32 now); resume with the same options")
    #expect(!FileManager.default.fileExists(atPath: bundle), "no bundle written")
  }
}
