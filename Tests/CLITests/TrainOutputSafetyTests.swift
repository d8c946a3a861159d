import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `pepnet train` never replaces or removes what it did not write: a refused `--out` or
/// `--checkpoint` leaves every file of the user's folder and of the dataset with its bytes, a run
/// inside the dataset folder fails before reading it, and pepnet's own bundles (also through a
/// symbolic link) and empty folders are still accepted and replaced.
@Suite struct TrainOutputSafetyTests {
  /// Every file under `dir` with its bytes (symbolic links as their target).
  func snapshot(_ dir: String) -> [String: Data] {
    var files: [String: Data] = [:]
    for path in FileManager.default.subpaths(atPath: dir) ?? [] {
      let full = dir + "/" + path
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
        files[path] = Data(("-> " + target).utf8)
      } else if let data = FileManager.default.contents(atPath: full) {
        files[path] = data
      } else {
        files[path] = Data()  // a directory
      }
    }
    return files
  }

  func smallTrain(data: String, _ outputs: [String]) -> [String] {
    ["train", "--data", data] + outputs + [
      "--epochs", "1", "--batch-size", "256", "--tower", "8", "--emb-dim", "4", "--gate-hidden", "8",
    ]
  }

  /// The refused runs of the issue: each leaves the case directory (the dataset, the user's
  /// folder, the bundle) byte for byte as it was, and says why in one line.
  @Test(arguments: [
    ("out_user_folder", ["--out", "victim"], "victim: the folder is not empty and holds no model bundle"),
    ("out_is_data", ["--out", "d"], "d: --out is the --data folder"),
    ("checkpoint_user_folder", ["--out", "m", "--checkpoint", "victim"], "victim: the folder is not empty"),
    ("checkpoint_is_data", ["--out", "m", "--checkpoint", "d"], "d: --checkpoint is the --data folder"),
    ("checkpoint_is_out", ["--out", "b", "--checkpoint", "b"], "b: --checkpoint is the --out folder"),
    (
      "out_inside_checkpoint", ["--out", "victim/m", "--checkpoint", "victim"],
      "victim: --checkpoint contains"
    ),
  ])
  func refusedOutputsKeepEveryFile(name: String, outputs: [String], reason: String) throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "safety_" + name)
    defer { scratch.remove() }
    let data = try scratch.copyData()
    _ = try scratch.copyModel()
    try scratch.mkdir("victim")
    try scratch.write("victim/thesis.txt", "three years of work")
    let before = snapshot(scratch.dir)
    let r = try fixture.run(
      smallTrain(data: data, outputs.map { $0.hasPrefix("--") ? $0 : scratch.path($0) }))
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("pepnet: \(scratch.dir)/\(reason)"), "\(r.stderr)")
    #expect(r.stderr.filter { $0 == "\n" }.count == 1, "one line, before any data is read: \(r.stderr)")
    #expect(snapshot(scratch.dir) == before, "every file is still there with its content")
    #expect(
      try String(contentsOfFile: scratch.path("victim/thesis.txt"), encoding: .utf8) == "three years of work")
  }

  /// `pepnet train --data . --out .` inside the dataset folder: refused at once (it used to train
  /// and then fail with "Device or resource busy", leaving `..checkpoint` in the dataset).
  @Test func outDotInsideTheDatasetFailsBeforeReadingIt() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "safety_out_dot")
    defer { scratch.remove() }
    let data = try scratch.copyData()
    let before = snapshot(scratch.dir)
    let command =
      "cd \(shellQuote(data)) && exec "
      + ([fixture.binary] + smallTrain(data: ".", ["--out", "."]))
      .map(shellQuote).joined(separator: " ")
    let r = try fixture.run(["-c", command], executable: "/bin/sh")
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr == "pepnet: .: --out is the --data folder; give the bundle a folder of its own\n")
    #expect(snapshot(scratch.dir) == before, "no ..checkpoint, nothing changed")
  }

  /// What pepnet wrote may be replaced: a bundle (here through a symbolic link, which stays a
  /// link to the new bundle) and an empty folder.
  @Test func ownBundlesAndEmptyFoldersAreReplaced() throws {
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "safety_replace")
    defer { scratch.remove() }
    let bundle = try scratch.copyModel()
    let oldConfig = try Data(contentsOf: URL(fileURLWithPath: bundle + "/config.json"))
    try FileManager.default.createSymbolicLink(atPath: scratch.path("link"), withDestinationPath: "b")
    let viaLink = try fixture.run(
      smallTrain(data: fixture.data, ["--out", scratch.path("link"), "--seed", "5"]))
    #expect(viaLink.status == 0, "\(viaLink.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("link")) == "b")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: bundle + "/config.json")) != oldConfig, "b was replaced")
    #expect(!FileManager.default.fileExists(atPath: scratch.path("link.checkpoint")), "checkpoint removed")
    let again = try fixture.run(
      smallTrain(data: fixture.data, ["--out", bundle, "--checkpoint", scratch.path("ck")]))
    #expect(again.status == 0, "a bundle pepnet wrote is replaced: \(again.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path("ck")), "its own checkpoint is removed")
    try scratch.mkdir("empty")
    let empty = try fixture.run(smallTrain(data: fixture.data, ["--out", scratch.path("empty")]))
    #expect(empty.status == 0, "\(empty.stderr)")
    #expect(FileManager.default.fileExists(atPath: scratch.path("empty/weights.safetensors")))
    #expect(
      Set(try FileManager.default.contentsOfDirectory(atPath: scratch.dir)) == ["b", "link", "empty"],
      "no checkpoint or temporary folder left")
  }
}
