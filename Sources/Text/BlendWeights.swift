import Foundation

/// Blend weights typed by a person, `like=1,follow=2,hate=-1` (`pepnet rank --weights` and
/// `pepnet explore --weights`): the score of an item is `sum_t weight_t * p_t` over the named tasks
/// (unnamed tasks weigh 0).
///
/// Each weight is a number in `range`, -5...5, the explorer's bound for its blend weights;
/// negative weights are allowed for negative-feedback tasks such as `hate`. The bound keeps every
/// blended score finite (at most 5 per task, since probabilities are at most 1). Refused: an empty
/// list, a task named twice (the last would win silently) and weights that are all 0 (every score
/// would be 0 and the order meaningless).
public struct BlendWeights: Sendable {
  public static let range: ClosedRange<Float> = -5...5

  /// The tasks as named, in order, with their weights.
  public var pairs: [(task: String, weight: Float)]

  /// Why `text` is not a list of blend weights, in words that follow `--weights`.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// Parses "like=1,follow=2"; task names are checked against a model by `weights(for:)`.
  public init(parsing text: String) throws {
    if text.allSatisfy({ $0 == "," || $0.isWhitespace }) {
      throw Problem(description: "is empty; give TASK=NUMBER pairs such as like=1,follow=2")
    }
    pairs = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let shown = NameResolver.echo(String(part))
      guard pair.count == 2, !pair[0].isEmpty, let weight = Float(pair[1]) else {
        throw Problem(
          description: "wants TASK=NUMBER pairs separated by commas, e.g. like=1,follow=2; got '\(shown)'")
      }
      guard Self.range.contains(weight) else {
        throw Problem(description: "'\(shown)': a weight must be a number in \(Self.rangeText)")
      }
      guard !pairs.contains(where: { $0.task == pair[0] }) else {
        throw Problem(description: "names task '\(NameResolver.echo(pair[0]))' twice")
      }
      pairs.append((pair[0], weight))
    }
    guard pairs.contains(where: { $0.weight != 0 }) else {
      throw Problem(description: "are all 0: every item would score 0")
    }
  }

  /// A task name the model does not have: one line with the closest names.
  public struct UnknownTask: Error, CustomStringConvertible {
    public var description: String
  }

  /// One weight per task of `tasks`, in order; an unknown task name is an `UnknownTask`.
  public func weights(for tasks: [String]) throws -> [Float] {
    var weights = [Float](repeating: 0, count: tasks.count)
    for (task, weight) in pairs {
      guard let t = tasks.firstIndex(of: task) else {
        throw UnknownTask(description: NameResolver.unknown("task", task, among: tasks))
      }
      weights[t] = weight
    }
    return weights
  }

  /// `range` as the messages and the docs write it.
  public static let rangeText = "\(Int(range.lowerBound))...\(Int(range.upperBound))"
}
