import Foundation
import PepnetData
import PepnetTraining

#if canImport(Glibc)
  import Glibc
#endif

/// Training progress on stderr: a redrawn progress bar on a terminal, plain periodic lines
/// otherwise (logs, CI).
final class TerminalProgress {
  let isTerminal = isatty(STDERR_FILENO) != 0
  private var lastLine = 0.0
  private var drewBar = false

  func update(_ p: TrainingProgress) {
    let fraction = Double(p.samplesDone) / Double(max(p.samplesPerEpoch, 1))
    if isTerminal {
      let width = 30
      let filled = Int(fraction * Double(width))
      let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      let text = String(
        format: "\repoch %d/%d %@ %3.0f%%  %7.0f samples/s  loss %.4f  ETA %@  ", p.epoch, p.epochs, bar,
        fraction * 100, p.samplesPerSecond, p.loss, Self.duration(p.secondsRemainingInEpoch))
      writeToStandardError(text)
      drewBar = true
    } else {
      let now = Date().timeIntervalSince1970
      if now - lastLine >= 5 || p.samplesDone == p.samplesPerEpoch {
        lastLine = now
        let text = String(
          format: "epoch %d/%d: %d/%d samples (%.0f%%), %.0f samples/s, loss %.4f, ETA %@\n", p.epoch,
          p.epochs,
          p.samplesDone, p.samplesPerEpoch, fraction * 100, p.samplesPerSecond, p.loss,
          Self.duration(p.secondsRemainingInEpoch))
        writeToStandardError(text)
      }
    }
  }

  /// Ends the progress bar's line before other output.
  func finishLine() {
    if drewBar {
      writeToStandardError("\n")
      drewBar = false
    }
  }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
  }
}
