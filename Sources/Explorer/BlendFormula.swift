import Foundation
import PepnetText

/// Blend weights as text: `like=1,hate=-2` in (for `pepnet explore --weights`), and the fusion
/// formula out (for the Rankings pane), e.g. `blend = long_view + like − 2·hate`.
public enum BlendWeights {
  /// A problem with a `--weights` value: one line.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// The `TASK=NUMBER` pairs of `text`, each number within `ExplorerCatalog.weightRange`. Checks the
  /// form only (task names are checked against a model by `resolve`).
  public static func pairs(_ text: String) throws -> [(task: String, weight: Float)] {
    let range = ExplorerCatalog.weightRange
    var pairs: [(task: String, weight: Float)] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: [" "]) }
      guard pair.count == 2, !pair[0].isEmpty, let value = Float(pair[1]), value.isFinite else {
        throw Problem(
          description:
            "--weights wants TASK=NUMBER pairs separated by commas, e.g. like=1,hate=-2; got '\(part)'")
      }
      guard range.contains(value) else {
        throw Problem(
          description:
            "--weights: \(pair[0])=\(pair[1]) is outside \(Int(range.lowerBound))...\(Int(range.upperBound))")
      }
      pairs.append((pair[0], value))
    }
    return pairs
  }

  /// Weights per task from `text` (tasks it does not name get 0, as in `pepnet rank`).
  public static func resolve(_ text: String, tasks: [String]) throws -> [Float] {
    var weights = [Float](repeating: 0, count: tasks.count)
    for (task, weight) in try pairs(text) {
      guard let t = tasks.firstIndex(of: task) else {
        throw Problem(description: NameResolver.unknown("task", task, among: tasks))
      }
      weights[t] = weight
    }
    return weights
  }

  /// `blend = long_view + like + 0.5·comment − hate`: tasks with weight 0 left out, a weight of 1
  /// written as the task alone.
  static func formula(_ weights: [Float], tasks: [String], glyphs: Glyphs) -> String {
    let times = glyphs.isASCII ? "*" : "·"
    let minus = glyphs.isASCII ? "-" : "−"
    var text = ""
    for (t, task) in tasks.enumerated() where t < weights.count && weights[t] != 0 {
      let w = weights[t]
      let size = abs(w)
      let coefficient = size == 1 ? "" : NumberFormat.trimmed(size) + times
      if text.isEmpty {
        text = (w < 0 ? minus : "") + coefficient + task
      } else {
        text += (w < 0 ? " \(minus) " : " + ") + coefficient + task
      }
    }
    return "blend = " + (text.isEmpty ? "0" : text)
  }
}
