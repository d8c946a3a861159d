import Foundation

/// The first setting in which two values of one settings type differ, as "what: old in the
/// checkpoint, new now": the one comparison behind `--resume`'s refusals (training settings and
/// model options alike), so that a setting added to a type is compared without being listed.
///
/// Both values are encoded as JSON and flattened (nested keys joined by `.`, e.g.
/// `optimizer.beta1`); keys are compared in the order of `names` (which also gives them readable
/// names), then the others alphabetically, under their key.
enum SettingsDifference {
  static func first<T: Encodable>(
    _ saved: T, _ current: T, names: KeyValuePairs<String, String> = [:]
  ) -> String? {
    let old = flatten(saved)
    let new = flatten(current)
    let named = names.map(\.key)
    let others = Set(old.keys).union(new.keys).subtracting(named).sorted()
    let readable = Dictionary(uniqueKeysWithValues: names.map { ($0.key, $0.value) })
    for key in named + others where old[key] != new[key] {
      return "\(readable[key] ?? key): \(old[key] ?? "none") in the checkpoint, \(new[key] ?? "none") now"
    }
    return nil
  }

  /// Every leaf of the value's JSON object under its dotted key, as compact JSON text (an array
  /// stays one leaf: `[256,128]`).
  static func flatten<T: Encodable>(_ value: T) -> [String: String] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(value), let object = try? JSONSerialization.jsonObject(with: data)
    else { return [:] }
    var leaves: [String: String] = [:]
    func visit(_ value: Any, _ key: String) {
      if let object = value as? [String: Any] {
        for (name, child) in object { visit(child, key.isEmpty ? name : key + "." + name) }
        return
      }
      let text =
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
        .flatMap { String(data: $0, encoding: .utf8) }
      leaves[key] = text.map { $0.replacingOccurrences(of: "\"", with: "") } ?? "\(value)"
    }
    visit(object, "")
    return leaves
  }
}
