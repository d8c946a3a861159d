/// Resolves names typed by a person (user ids, item ids, domain and task names) and, when one is
/// unknown, says which valid names are closest: the one resolver of `rank`, `gates`, `explore`
/// and their weights options.
public enum NameResolver {
  /// Names longer than this (in UTF-8 bytes) get no "closest" names: they are not mistyped ids,
  /// and the edit distance to every candidate would cost seconds for a 100 KB name.
  public static let longestMatchedName = 256

  /// Characters of a name echoed in a message; the rest becomes "…".
  public static let longestEchoedName = 64

  /// `name` as messages quote it: at most `longestEchoedName` characters, then "…", with control
  /// characters escaped (a line break in a name does not end the message's line).
  public static func echo(_ name: String) -> String {
    var end = name.startIndex
    for _ in 0..<longestEchoedName {
      guard end < name.endIndex else { break }
      end = name.index(after: end)
    }
    let shown = String(name[..<end]).escapingControlCharacters()
    return end == name.endIndex ? shown : shown + "…"
  }

  /// Up to `limit` candidates closest to `name` by edit distance (case-insensitive), then by
  /// shared prefix, for "did you mean" messages; none for a name longer than
  /// `longestMatchedName`.
  public static func closest(to name: String, in candidates: some Sequence<String>, limit: Int = 3)
    -> [String]
  {
    guard name.utf8.count <= longestMatchedName else { return [] }
    let target = Array(name.lowercased().utf8)
    var scored: [(Int, String)] = []
    for c in candidates {
      scored.append((editDistance(target, Array(c.lowercased().utf8)), c))
    }
    scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return scored.prefix(limit).map(\.1)
  }

  /// A one-line error for an unknown name of a kind ("user", "item", "domain", "task"), the name
  /// shown by `echo`.
  public static func unknown(_ kind: String, _ name: String, among candidates: some Sequence<String>)
    -> String
  {
    let near = closest(to: name, in: candidates)
    return "unknown \(kind) '\(echo(name))'"
      + (near.isEmpty ? "" : "; closest: \(near.joined(separator: ", "))")
  }

  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
