import PepnetText

/// A key of a JSON object that pepnet does not read: refused rather than ignored, since a
/// mistyped key (`"splts"`, `"user_features"`) would otherwise leave its setting at the default
/// without a word (issue 18, item 2).
public struct UnknownSchemaKey: Error, CustomStringConvertible, Equatable, Sendable {
  /// Dotted path of the key, e.g. `users.fle` (`schema.users.fle` inside `pipeline.json`).
  public var path: String
  /// The keys the object may have, as dotted paths, for the "closest" suggestion.
  public var known: [String]

  public var description: String { NameResolver.unknown("key", path, among: known) }

  /// Throws for the first key (in key order) of the object `decoder` holds that is not in `known`.
  static func check(_ decoder: Decoder, known: [String]) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    let prefix = decoder.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      .joined(separator: ".")
    func dotted(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
    for key in container.allKeys.map(\.stringValue).sorted() where !known.contains(key) {
      throw UnknownSchemaKey(path: dotted(key), known: known.map(dotted))
    }
  }

  /// Any string key, to list an object's keys.
  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}
