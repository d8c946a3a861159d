import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The absolute path that a path names once symbolic links, `.`, `..`, repeated and trailing
/// slashes are resolved, also when it does not exist yet: its longest existing prefix is resolved
/// by the kernel (`realpath`) and the rest is applied to it. Outputs are compared by these paths,
/// so `d/.`, `d/sub/..`, `./d/` and a link to `d` are all seen to be `d`.
enum RealPath {
  static func of(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var rest: [String] = []
    var base = "/"
    while true {
      if let resolved = realpath("/" + existing.joined(separator: "/"), nil) {
        base = String(cString: resolved)
        free(resolved)
        break
      }
      guard let last = existing.popLast() else { break }
      rest.insert(last, at: 0)
    }
    var parts = base.split(separator: "/").map(String.init)
    for component in rest {
      switch component {
      case ".": continue
      case "..": _ = parts.popLast()
      default: parts.append(component)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The relation of `path` to `other` (both real paths): the same, inside it, or containing it.
  static func relation(of path: String, to other: String) -> Relation? {
    func isInside(_ a: String, _ b: String) -> Bool { b == "/" ? a != "/" : a.hasPrefix(b + "/") }
    if path == other { return .same }
    if isInside(path, other) { return .inside }
    if isInside(other, path) { return .contains }
    return nil
  }

  enum Relation { case same, inside, contains }

  /// The parent directory of a real path ("/" for "/").
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
  }
}
