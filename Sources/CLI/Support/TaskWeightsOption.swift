import ArgumentParser

/// `train --task-weights`: one loss weight per task in order ("1,1,2,1,3,1"), or task=weight
/// pairs ("follow=2,hate=3", other tasks weigh 1). The syntax and the values are checked when the
/// options are parsed (usage errors, before any file is read); the task names and the count need
/// the dataset's tasks, which `weights(for:)` takes from its schema, still before the CSV files.
struct TaskWeightsOption {
  enum Form {
    case inOrder([Float])
    /// With each pair's text as given, for messages.
    case named([(task: String, weight: Float, text: String)])
  }

  let form: Form

  init(parsing text: String) throws {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    func weight(_ text: String) throws -> Float {
      guard let w = Float(text), w.isFinite, w >= 0 else {
        throw ValidationError("--task-weights: '\(text)' is not a finite, non-negative weight")
      }
      return w
    }
    if parts.allSatisfy({ !$0.contains("=") }) {
      let weights = try parts.map(weight)
      guard weights.contains(where: { $0 > 0 }) else { throw Self.allZero }
      form = .inOrder(weights)
      return
    }
    var pairs: [(task: String, weight: Float, text: String)] = []
    for part in parts {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard pair.count == 2, !pair[0].isEmpty else {
        throw ValidationError(
          "--task-weights: '\(part)' is not task=weight (give task=weight pairs or one weight per task)")
      }
      guard !pairs.contains(where: { $0.task == pair[0] }) else {
        throw ValidationError("--task-weights names '\(pair[0])' twice")
      }
      pairs.append((pair[0], try weight(pair[1]), part))
    }
    form = .named(pairs)
  }

  static let allZero = ValidationError("--task-weights are all 0, so nothing would be trained")

  /// The weight of each of `tasks` (the dataset's, in order).
  func weights(for tasks: [String]) throws -> [Float] {
    switch form {
    case .inOrder(let weights):
      guard weights.count == tasks.count else {
        throw ValidationError(
          "--task-weights has \(weights.count) weights; the data has \(tasks.count) tasks"
            + " (\(tasks.joined(separator: ", ")))")
      }
      return weights
    case .named(let pairs):
      var weights = Array(repeating: Float(1), count: tasks.count)
      for (task, weight, text) in pairs {
        guard let index = tasks.firstIndex(of: task) else {
          throw ValidationError(
            "--task-weights: '\(text)' is not task=weight with a task of"
              + " \(tasks.joined(separator: ", "))")
        }
        weights[index] = weight
      }
      guard weights.contains(where: { $0 > 0 }) else { throw Self.allZero }
      return weights
    }
  }
}
