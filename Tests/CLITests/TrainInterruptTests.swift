import Foundation
import PepnetTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT and SIGTERM during `pepnet train`, through the real binary: the run still ends by the
/// signal (status 130 or 143), after one line that says how far it got and whether `--resume`
/// can continue; and `--resume` then does.
@Suite struct TrainInterruptTests {
  func longTrain(data: String, out: String) -> [String] {
    [
      "train", "--data", data, "--out", out, "--epochs", "500", "--patience", "500", "--batch-size", "64",
      "--tower", "8", "--emb-dim", "4", "--gate-hidden", "8", "--threads", "1",
    ]
  }

  /// Starts `arguments`, waits for the first epoch's line on stderr and sends `signal`.
  func interruptAfterTheFirstEpoch(_ arguments: [String], signal: Int32) throws -> PepnetProcess {
    let process = try PepnetProcess(arguments)
    let deadline = Date().addingTimeInterval(120)
    while !process.stderr.contains("epoch 1: train loss") {
      if waitpid(process.pid, nil, WNOHANG) == process.pid {
        Issue.record("pepnet ended before its first epoch: \(process.stderr)")
        return process
      }
      try #require(Date() < deadline, "no epoch line within 120 s: \(process.stderr)")
      usleep(10_000)
    }
    kill(process.pid, signal)
    return process
  }

  /// The exit status of `process`, which must end within 60 s (it is killed otherwise).
  func status(_ process: PepnetProcess) -> Int32? {
    let deadline = Date().addingTimeInterval(60)
    var info = siginfo_t()
    // WNOWAIT: only look, so that `wait()` still collects the status.
    while waitid(P_PID, id_t(process.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0
      && info._sifields._kill.si_pid == 0
    {
      guard Date() < deadline else {
        kill(process.pid, SIGKILL)
        Issue.record("pepnet did not end within 60 s of the signal: \(process.stderr)")
        return nil
      }
      usleep(10_000)
    }
    return process.wait()
  }

  /// The epoch named in "pepnet: interrupted in epoch N (N-1 complete…", checked for consistency.
  func interruptedEpoch(_ line: String) -> Int? {
    let prefix = "pepnet: interrupted in epoch "
    guard line.hasPrefix(prefix) else { return nil }
    let rest = line.dropFirst(prefix.count)
    guard let epoch = Int(rest.prefix(while: \.isNumber)),
      rest.dropFirst("\(epoch)".count).hasPrefix(" (\(epoch - 1) complete")
    else { return nil }
    return epoch
  }

  @Test func sigintSaysHowFarItGotAndResumeContinues() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "interrupt_sigint")
    defer { scratch.remove() }
    let out = scratch.path("m")
    let process = try interruptAfterTheFirstEpoch(longTrain(data: fixture.data, out: out), signal: SIGINT)
    #expect(status(process) == 130, "ends by SIGINT: \(process.stderr)")
    let lines = process.stderr.split(separator: "\n").map(String.init)
    let last = lines.last ?? ""
    let epoch = try #require(interruptedEpoch(last), "the last line says where it stopped: \(process.stderr)")
    #expect(epoch >= 2)
    #expect(
      last.hasSuffix(" complete, checkpoint \(out).checkpoint kept); continue with --resume"), "\(last)")
    #expect(
      lines.filter { $0.hasPrefix("pepnet") && !$0.hasPrefix("pepnet: warning: ") }.count == 1,
      "one line: \(process.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out), "no bundle yet")

    // Resuming with --epochs set to the interrupted epoch finishes that epoch and saves the bundle.
    var resume = longTrain(data: fixture.data, out: out) + ["--resume"]
    resume[resume.firstIndex(of: "500")!] = "\(epoch)"
    let resumed = try PepnetProcess.run(resume)
    #expect(resumed.exitStatus == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming from \(out).checkpoint at epoch \(epoch)"), "\(resumed.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/weights.safetensors"))
    #expect(!FileManager.default.fileExists(atPath: out + ".checkpoint"))
  }

  @Test func sigtermWithoutACheckpointSaysNothingCanBeResumed() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "interrupt_sigterm")
    defer { scratch.remove() }
    let out = scratch.path("m")
    let process = try interruptAfterTheFirstEpoch(
      longTrain(data: fixture.data, out: out) + ["--no-checkpoint"], signal: SIGTERM)
    #expect(status(process) == 143, "ends by SIGTERM: \(process.stderr)")
    let last = process.stderr.split(separator: "\n").last.map(String.init) ?? ""
    #expect(interruptedEpoch(last) != nil, "\(process.stderr)")
    #expect(last.hasSuffix(" complete); nothing can be resumed (--no-checkpoint)"), "\(last)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir).isEmpty, "nothing written")
  }
}
