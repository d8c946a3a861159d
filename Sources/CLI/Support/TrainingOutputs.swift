import Foundation
import PepnetData
import PepnetTraining

/// The directories one `pepnet train` run writes, resolved and checked before any data is read
/// (`check`), and what is left of them if the run is interrupted (`interrupted…`).
///
/// The bundle and the checkpoint are each replaced whole, so each must be a new path or a folder
/// of its kind that pepnet wrote (an empty folder too, for the bundle), and neither may be, hold
/// or sit inside `--data` or the other one: compared as real paths, so `.`, `..`, trailing slashes
/// and symbolic links do not hide an overlap.
struct TrainingOutputs {
  /// The bundle's real path (where it is saved).
  var bundle: String
  /// The checkpoint as the user sees it (the option's value, or `<out>.checkpoint`) and its real
  /// path; nil with `--no-checkpoint`.
  var checkpoint: (shown: String, real: String)?
  /// With `--resume`: the checkpoint's state, read and checked here, once for the whole run (the
  /// trainer resumes from this value); else nil.
  var resumed: CheckpointState?
  /// The epochs the checkpoint being resumed holds; 0 for a fresh run.
  var resumedEpochs: Int { resumed?.epochsDone ?? 0 }

  static func check(
    out: String, checkpoint: String?, noCheckpoint: Bool, resume: Bool, data: String
  ) throws -> TrainingOutputs {
    let dataPath = RealPath.of(data)
    let bundle = RealPath.of(out)
    try separate(("--out", out, bundle), from: ("--data", data, dataPath), thing: "bundle")
    var checked: (shown: String, real: String)? = nil
    if !noCheckpoint {
      let shown = checkpoint ?? defaultCheckpoint(out: out, real: bundle)
      let real = RealPath.of(shown)
      try separate(("--checkpoint", shown, real), from: ("--data", data, dataPath), thing: "checkpoint")
      try separate(("--checkpoint", shown, real), from: ("--out", out, bundle), thing: "checkpoint")
      checked = (shown, real)
    }
    // The checkpoint to resume is read first, so that a missing or damaged one is reported as
    // such (the trainer checks that its settings match once the model exists).
    var resumed: CheckpointState? = nil
    if resume, let checked { resumed = try TrainingCheckpoint.readState(at: checked.shown) }
    try checkOutputDirectory(out, kind: .bundle)
    if let checked { try checkOutputDirectory(checked.shown, kind: .checkpoint) }
    return TrainingOutputs(bundle: bundle, checkpoint: checked, resumed: resumed)
  }

  /// `<out>.checkpoint` beside the bundle; for an `--out` ending in `.` or `..`, beside the folder
  /// it names (never `..checkpoint` inside it).
  static func defaultCheckpoint(out: String, real: String) -> String {
    var base = out
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    let last = base.split(separator: "/").last.map(String.init) ?? base
    return (last == "." || last == ".." || base == "/" ? real : base) + ".checkpoint"
  }

  /// Fails if `output` is the same folder as `other`, inside it or contains it.
  private static func separate(
    _ output: (option: String, shown: String, real: String),
    from other: (option: String, shown: String, real: String), thing: String
  ) throws {
    let advice = "give the \(thing) a folder of its own"
    switch RealPath.relation(of: output.real, to: other.real) {
    case .same:
      throw CommandError("\(output.shown): \(output.option) is the \(other.option) folder; \(advice)")
    case .inside:
      throw CommandError(
        "\(output.shown): \(output.option) is inside \(other.option) \(other.shown); \(advice)")
    case .contains:
      throw CommandError(
        "\(output.shown): \(output.option) contains \(other.option) \(other.shown); \(advice)")
    case nil: return
    }
  }

  /// What an interrupt before training leaves: nothing, or the checkpoint being resumed.
  func interruptedBeforeTraining(epochsDone: Int) -> String {
    if let checkpoint, epochsDone > 0 {
      return
        "interrupted before training (\(epochsDone) epochs complete, checkpoint \(checkpoint.shown) kept);"
        + " continue with --resume"
    }
    return "interrupted before training; nothing to resume"
  }

  /// What an interrupt in `epoch` leaves: the checkpoint of the epoch before, if any.
  func interrupted(inEpoch epoch: Int) -> String {
    let done = epoch - 1
    guard let checkpoint else {
      return "interrupted in epoch \(epoch) (\(done) complete); nothing can be resumed (--no-checkpoint)"
    }
    guard done > 0 else {
      return "interrupted in epoch \(epoch) (0 complete, no checkpoint yet); nothing to resume"
    }
    return
      "interrupted in epoch \(epoch) (\(done) complete, checkpoint \(checkpoint.shown) kept); continue with --resume"
  }

  /// What an interrupt after the last epoch, before the bundle is saved, leaves.
  func interruptedBeforeSaving(epochsDone: Int) -> String {
    guard let checkpoint else {
      return "interrupted before the bundle was saved (\(epochsDone) epochs complete); nothing can be resumed"
        + " (--no-checkpoint)"
    }
    return
      "interrupted before the bundle was saved (\(epochsDone) epochs complete, checkpoint \(checkpoint.shown)"
      + " kept); continue with --resume"
  }
}
