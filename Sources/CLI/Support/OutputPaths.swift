import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Fails before any work if a directory cannot be created or replaced at `path` (a bundle, a
/// checkpoint or a dataset, replaced atomically by a temporary sibling): the parent must be a
/// writable directory (created if missing) and `path`, if it exists, a directory. So a long run does not end in an
/// error that names a temporary directory. `kind` names what `path` is for ("a model bundle").
func checkReplaceableDirectory(_ path: String, kind: String = "a model bundle") throws {
  var trimmed = path
  while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
  var info = stat()
  if lstat(trimmed, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR {
    throw CommandError("\(path): exists and is not a directory (\(kind) is a directory)")
  }
  let parent = URL(fileURLWithPath: trimmed).deletingLastPathComponent().path
  // Missing parent folders are created, as `mkdir -p` would; what cannot be is reported below.
  try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
  guard stat(parent, &info) == 0 else {
    throw CommandError("\(path): cannot create it: \(parent): \(String(cString: strerror(errno)))")
  }
  guard (info.st_mode & S_IFMT) == S_IFDIR else {
    throw CommandError("\(path): cannot create it: \(parent) is not a directory")
  }
  guard access(parent, W_OK | X_OK) == 0 else {
    throw CommandError("\(path): cannot create it: \(parent): \(String(cString: strerror(errno)))")
  }
}
