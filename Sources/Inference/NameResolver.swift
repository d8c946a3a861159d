/// Resolves names typed by a person (user ids, item ids, domain and task names) and, when one is
/// unknown, says which valid names are closest.
public enum NameResolver {
  /// Up to `limit` candidates closest to `name` by edit distance (case-insensitive), then by
  /// shared prefix, for "did you mean" messages.
  public static func closest(to name: String, in candidates: some Sequence<String>, limit: Int = 3)
    -> [String]
  {
    let target = Array(name.lowercased().utf8)
    var scored: [(Int, String)] = []
    for c in candidates {
      scored.append((editDistance(target, Array(c.lowercased().utf8)), c))
    }
    scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return scored.prefix(limit).map(\.1)
  }

  /// A one-line error for an unknown name of a kind ("user", "item", "domain", "task").
  public static func unknown(_ kind: String, _ name: String, among candidates: some Sequence<String>)
    -> String
  {
    let near = closest(to: name, in: candidates)
    return "unknown \(kind) '\(name)'" + (near.isEmpty ? "" : "; closest: \(near.joined(separator: ", "))")
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
