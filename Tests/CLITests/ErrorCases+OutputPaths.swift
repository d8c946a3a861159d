import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 11's cases of docs/errors.md for this area, run by `ErrorCaseTests.failsWithOneLine`.
///
/// Every output of `train` (the bundle, the checkpoint) is checked before any data is read: it may
/// only be a new path, an empty folder (the bundle) or something pepnet wrote there, and it may
/// not overlap `--data` or the other output. `--task-weights` is checked before the CSV files are
/// read. The listing check of `failsWithOneLine` shows that nothing was written or removed.
extension ErrorCases {
  static let outputPaths: [ErrorCase] =
    outFolders + outOverlaps + checkpointFolders + taskWeights + generateSizes

  /// `pepnet train` of a copy of the tiny dataset (at `d`) with the given output options.
  static func trainTo(_ outputs: [String]) -> [String] {
    ["train", "--data", "{d}/d"] + outputs + ["--epochs", "1", "--tower", "8", "--emb-dim", "4"]
  }

  /// A case whose arguments refer to the case directory as `{d}` (expanded here).
  static func paths(
    _ name: String, _ message: String, _ arguments: [String], status: Int32 = 1,
    _ setup: @escaping @Sendable (Scratch) throws -> Void = { _ in }
  ) -> ErrorCase {
    c(name, status, message) { s in
      _ = try s.copyData()
      try setup(s)
      return arguments.map { s.expand($0) }
    }
  }

  /// A usage error (status 2) of such a command.
  static func usage(_ name: String, _ message: String, _ arguments: [String]) -> ErrorCase {
    paths(name, message, arguments, status: 2)
  }

  static let notABundle = "; train into a new folder"

  static let outFolders: [ErrorCase] = [
    paths(
      "train_out_user_folder",
      "pepnet: {d}/victim: the folder is not empty and holds no model bundle (no config.json)"
        + notABundle, trainTo(["--out", "{d}/victim"])
    ) { s in
      try s.mkdir("victim")
      try s.write("victim/thesis.txt", "x")
    },
    paths(
      "train_out_bundle_with_a_user_file",
      "pepnet: {d}/b: the folder is not empty and holds no model bundle (notes.txt is not a bundle file)"
        + notABundle, trainTo(["--out", "{d}/b"])
    ) { s in
      _ = try s.copyModel()
      try s.write("b/notes.txt", "keep me")
    },
    paths(
      "train_out_config_not_a_manifest",
      "pepnet: {d}/fake: the folder is not empty and holds no model bundle (config.json is not a pepnet"
        + " bundle manifest)" + notABundle, trainTo(["--out", "{d}/fake"])
    ) { s in
      try s.mkdir("fake")
      try s.write("fake/config.json", "{\"name\": \"my settings\"}")
    },
    paths(
      "train_out_config_is_a_fifo",
      "pepnet: {d}/fake: the folder is not empty and holds no model bundle (config.json is not a pepnet"
        + " bundle manifest)" + notABundle, trainTo(["--out", "{d}/fake"])
    ) { s in
      try s.mkdir("fake")
      guard mkfifo(s.path("fake/config.json"), 0o644) == 0 else {
        throw ErrorFixture.Failure(description: "mkfifo")
      }
    },
    paths(
      "train_out_bundle_without_config",
      "pepnet: {d}/b: the folder is not empty and holds no model bundle (no config.json)" + notABundle,
      trainTo(["--out", "{d}/b"])
    ) { s in
      _ = try s.copyModel()
      try s.remove("b/config.json")
    },
    paths(
      "train_out_symlink_to_a_user_folder",
      "pepnet: {d}/link: the folder is not empty and holds no model bundle (no config.json)"
        + notABundle, trainTo(["--out", "{d}/link"])
    ) { s in
      try s.mkdir("notes")
      try s.write("notes/todo.txt", "keep me")
      try FileManager.default.createSymbolicLink(atPath: s.path("link"), withDestinationPath: "notes")
    },
    paths(
      "train_out_symlink_to_a_file",
      "pepnet: {d}/link: a symbolic link to {d}/file, which is not a directory (a model bundle is a directory)",
      trainTo(["--out", "{d}/link"])
    ) { s in
      try s.write("file", "x")
      try FileManager.default.createSymbolicLink(atPath: s.path("link"), withDestinationPath: "file")
    },
    paths(
      "train_out_dangling_symlink",
      "pepnet: {d}/link: a symbolic link to {d}/nowhere, which does not exist; give a folder or a new path",
      trainTo(["--out", "{d}/link"])
    ) { s in
      try FileManager.default.createSymbolicLink(atPath: s.path("link"), withDestinationPath: "nowhere")
    },
    paths(
      "train_out_mount_point",
      "pepnet: /proc: a mount point, which cannot be replaced (a model bundle is swapped in by a rename);"
        + " give a folder inside it", trainTo(["--out", "/proc", "--no-checkpoint"])),
  ]

  static let ownFolder = "; give the bundle a folder of its own"
  static let ownCheckpoint = "; give the checkpoint a folder of its own"

  static let outOverlaps: [ErrorCase] = [
    paths(
      "train_out_is_the_data", "pepnet: {d}/d: --out is the --data folder" + ownFolder,
      trainTo(["--out", "{d}/d"])),
    paths(
      "train_out_dot_of_the_data", "pepnet: {d}/d/sub/../.: --out is the --data folder" + ownFolder,
      trainTo(["--out", "{d}/d/sub/../."])
    ) { s in try s.mkdir("d/sub") },
    paths(
      "train_out_symlink_to_the_data", "pepnet: {d}/link: --out is the --data folder" + ownFolder,
      trainTo(["--out", "{d}/link"])
    ) { s in try FileManager.default.createSymbolicLink(atPath: s.path("link"), withDestinationPath: "d") },
    paths(
      "train_out_inside_the_data", "pepnet: {d}/d/model: --out is inside --data {d}/d" + ownFolder,
      trainTo(["--out", "{d}/d/model"])),
    paths(
      "train_out_contains_the_data", "pepnet: {d}/: --out contains --data {d}/d" + ownFolder,
      trainTo(["--out", "{d}/"])),
    paths(
      "train_checkpoint_is_the_data", "pepnet: {d}/d: --checkpoint is the --data folder" + ownCheckpoint,
      trainTo(["--out", "{d}/m", "--checkpoint", "{d}/d"])),
    paths(
      "train_checkpoint_inside_the_data",
      "pepnet: {d}/d/ck: --checkpoint is inside --data {d}/d" + ownCheckpoint,
      trainTo(["--out", "{d}/m", "--checkpoint", "{d}/d/ck"])),
    paths(
      "train_checkpoint_is_the_out", "pepnet: {d}/b/: --checkpoint is the --out folder" + ownCheckpoint,
      trainTo(["--out", "{d}/b", "--checkpoint", "{d}/b/"])
    ) { s in _ = try s.copyModel() },
    paths(
      "train_checkpoint_inside_the_out",
      "pepnet: {d}/b/ck: --checkpoint is inside --out {d}/b" + ownCheckpoint,
      trainTo(["--out", "{d}/b", "--checkpoint", "{d}/b/ck"])
    ) { s in _ = try s.copyModel() },
    paths(
      "train_checkpoint_contains_the_out",
      "pepnet: {d}/ck: --checkpoint contains --out {d}/ck/m" + ownCheckpoint,
      trainTo(["--out", "{d}/ck/m", "--checkpoint", "{d}/ck"])),
  ]

  static let checkpointFolders: [ErrorCase] = [
    paths(
      "train_checkpoint_user_folder",
      "pepnet: {d}/notes: the folder is not empty and holds no pepnet checkpoint (no checkpoint.json)"
        + "; give --checkpoint a new path", trainTo(["--out", "{d}/m", "--checkpoint", "{d}/notes"])
    ) { s in
      try s.mkdir("notes")
      try s.write("notes/todo.txt", "keep me")
    },
    paths(
      "train_default_checkpoint_user_folder",
      "pepnet: {d}/m.checkpoint: the folder is not empty and holds no pepnet checkpoint (no"
        + " checkpoint.json); give --checkpoint a new path", trainTo(["--out", "{d}/m"])
    ) { s in
      try s.mkdir("m.checkpoint")
      try s.write("m.checkpoint/todo.txt", "keep me")
    },
    paths(
      "train_checkpoint_empty_folder",
      "pepnet: {d}/ck: the folder holds no pepnet checkpoint (it is empty, and pepnet removes its checkpoint"
        + " after the run); give --checkpoint a new path",
      trainTo(["--out", "{d}/m", "--checkpoint", "{d}/ck"])
    ) { s in try s.mkdir("ck") },
    paths(
      "train_checkpoint_fake",
      "pepnet: {d}/ck: the folder is not empty and holds no pepnet checkpoint (checkpoint.json is not a pepnet"
        + " checkpoint); give --checkpoint a new path", trainTo(["--out", "{d}/m", "--checkpoint", "{d}/ck"])
    ) { s in
      try s.mkdir("ck")
      try s.write("ck/checkpoint.json", "{}")
    },
  ]

  static let taskWeights: [ErrorCase] = [
    usage(
      "train_task_weights_nan",
      "pepnet: --task-weights: 'nan' is not a finite, non-negative weight (see 'pepnet help')",
      trainTo(["--out", "{d}/m", "--task-weights", "like=nan"])),
    usage(
      "train_task_weights_named_twice", "pepnet: --task-weights names 'like' twice (see 'pepnet help')",
      trainTo(["--out", "{d}/m", "--task-weights", "like=2,follow=1,like=3"])),
    usage(
      "train_task_weights_all_zero",
      "pepnet: --task-weights are all 0, so nothing would be trained (see 'pepnet help')",
      trainTo(["--out", "{d}/m", "--task-weights", "0,0,0,0,0,0"])),
    usage(
      "train_task_weights_every_task_named_zero",
      "pepnet: --task-weights are all 0, so nothing would be trained (see 'pepnet help')",
      trainTo([
        "--out", "{d}/m", "--task-weights", "long_view=0,like=0,comment=0,forward=0,follow=0,hate=0",
      ])),
    usage(
      "train_task_weights_unknown_task",
      "pepnet: --task-weights: 'likes=2' is not task=weight with a task of long_view, like, comment, forward,"
        + " follow, hate (see 'pepnet help')", trainTo(["--out", "{d}/m", "--task-weights", "likes=2"])),
    usage(
      "train_task_weights_count",
      "pepnet: --task-weights has 2 weights; the data has 6 tasks (long_view, like, comment, forward, follow,"
        + " hate) (see 'pepnet help')", trainTo(["--out", "{d}/m", "--task-weights", "1,2"])),
  ]

  static let generateSizes: [ErrorCase] = [
    paths(
      "generate_out_dataset_with_a_user_file",
      "pepnet: {d}/d: the folder is not empty and holds no generated dataset (notes.txt is not a dataset file);"
        + " generate into a new folder",
      [
        "generate", "--out", "{d}/d", "--users", "20", "--items", "30", "--authors", "5", "--impressions",
        "100",
      ]
    ) { s in try s.write("d/notes.txt", "my notes on this dataset") },
    usage(
      "generate_impressions_too_few",
      "pepnet: --impressions must be at least 3, a row for each of train, valid and test; got 2"
        + " (see 'pepnet help')",
      [
        "generate", "--out", "{d}/g", "--users", "20", "--items", "30", "--authors", "5", "--impressions",
        "2",
      ]),
  ]
}
