import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A failed file-system call during an atomic save: which call, on which path, and the OS error.
public struct AtomicFileError: Error, CustomStringConvertible, Equatable, Sendable {
  public var path: String
  /// What was being done, e.g. "create temporary file", "fsync", "rename".
  public var operation: String
  /// The `errno` value.
  public var code: Int32

  public init(path: String, operation: String, code: Int32) {
    self.path = path
    self.operation = operation
    self.code = code
  }

  public var description: String {
    "\(path): cannot \(operation): \(String(cString: strerror(code)))"
  }
}

/// Writes a file so that a crash at any instant leaves either the old file or the complete new one.
///
/// The bytes go to a temporary file in the same directory (so the rename stays on one file
/// system), which is fsynced, renamed over the target, and then the directory is fsynced so the
/// rename itself is durable.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    try data.withUnsafeBytes { try write(bytes: $0, to: path) }
  }

  public static func write(_ bytes: [UInt8], to path: String) throws {
    try bytes.withUnsafeBytes { try write(bytes: $0, to: path) }
  }

  private static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
    let temporary = FilePaths.temporarySibling(of: path)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw AtomicFileError(path: temporary, operation: "create temporary file", code: errno)
    }
    do {
      defer { close(fd) }
      try FilePaths.writeAll(fd: fd, bytes: bytes, path: temporary)
      guard fsync(fd) == 0 else { throw AtomicFileError(path: temporary, operation: "fsync", code: errno) }
    } catch {
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw AtomicFileError(path: path, operation: "rename \(temporary) over it", code: code)
    }
    try FilePaths.syncDirectory(FilePaths.parent(of: path))
  }
}

/// Replaces a whole directory so that a crash at any instant leaves either the old or the new
/// complete directory at its path.
///
/// The new directory is built in a temporary sibling, every file and directory in it is fsynced,
/// and it is then swapped with the old one in a single step: Linux `renameat2(RENAME_EXCHANGE)`
/// when the target exists, plain `rename` when it does not. The old copy (now at the temporary
/// name) is removed afterwards. If building or swapping fails, the temporary directory is removed
/// and the previous directory is untouched.
///
/// On a file system without `RENAME_EXCHANGE` it falls back to two renames (old aside, new in);
/// a crash between them leaves no directory at the path, but both complete copies beside it.
/// A crash mid-build can leave a `.<name>.tmp-*` sibling behind; it is never read.
public enum AtomicDirectory {
  /// - Parameters:
  ///   - path: the directory to create (with any missing parents) or replace. An existing
  ///     non-directory there is an error.
  ///   - build: fills the (empty, freshly created) directory whose path it is given.
  public static func replace(at path: String, build: (String) throws -> Void) throws {
    let target = FilePaths.trimmingTrailingSlashes(path)
    var info = stat()
    let exists = lstat(target, &info) == 0
    if exists && (info.st_mode & S_IFMT) != S_IFDIR {
      throw AtomicFileError(path: target, operation: "replace it with a directory", code: ENOTDIR)
    }
    // Missing parent folders are created, as `mkdir -p` would, and removed again if the save
    // fails; one that cannot be created shows as the failure to create the temporary directory.
    let createdParents = exists ? [] : FilePaths.createMissingDirectories(FilePaths.parent(of: target))
    FilePaths.removeAbandonedTemporarySiblings(of: target)
    let temporary = FilePaths.temporarySibling(of: target)
    guard mkdir(temporary, 0o755) == 0 else {
      let code = errno
      createdParents.forEach { rmdir($0) }
      throw AtomicFileError(path: temporary, operation: "create temporary directory", code: code)
    }
    do {
      try build(temporary)
      try FilePaths.syncTree(temporary)
      FaultInjection.pauseIfRequested(at: .beforeSwap)
      if exists {
        try swap(temporary, target)
      } else if rename(temporary, target) != 0 {
        throw AtomicFileError(path: target, operation: "rename \(temporary) to it", code: errno)
      }
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      createdParents.forEach { rmdir($0) }
      throw error
    }
    try FilePaths.syncDirectory(FilePaths.parent(of: target))
    // After a swap the old directory is at the temporary name; its removal is best effort (the
    // new directory is already durable in place).
    if exists { try? FileManager.default.removeItem(atPath: temporary) }
  }

  /// Exchanges the two directory entries; afterwards `new`'s content is at `target` and the old
  /// content at `new`.
  private static func swap(_ new: String, _ target: String) throws {
    if let renameat2 = Renameat2.function {
      if renameat2(AT_FDCWD, new, AT_FDCWD, target, Renameat2.exchange) == 0 { return }
      let code = errno
      guard code == EINVAL || code == ENOSYS || code == ENOTSUP else {
        throw AtomicFileError(path: target, operation: "exchange it with \(new)", code: code)
      }
    }
    // No RENAME_EXCHANGE: move the old directory aside, move the new one in, and leave the old
    // one at `new` so the caller removes it as in the exchange case.
    let aside = new + ".old"
    guard rename(target, aside) == 0 else {
      throw AtomicFileError(path: target, operation: "move it aside to \(aside)", code: errno)
    }
    guard rename(new, target) == 0 else {
      let code = errno
      rename(aside, target)
      throw AtomicFileError(path: target, operation: "rename \(new) to it", code: code)
    }
    guard rename(aside, new) == 0 else {
      throw AtomicFileError(path: aside, operation: "rename it to \(new)", code: errno)
    }
  }
}

/// `renameat2`, looked up at run time: glibc declares it only under `_GNU_SOURCE`, so Swift's
/// Glibc module does not import it, and `syscall` is variadic (not callable from Swift).
private enum Renameat2 {
  typealias Function =
    @convention(c) (
      Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32
  /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
  static let exchange: UInt32 = 1 << 1
  static let function: Function? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: Function.self)
  }()
}

/// Path and fsync helpers shared by the atomic writers.
enum FilePaths {
  static func trimmingTrailingSlashes(_ path: String) -> String {
    var path = path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// The directory containing `path` ("." for a bare name).
  static func parent(of path: String) -> String {
    let path = trimmingTrailingSlashes(path)
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// A fresh, hidden name next to `path`: `.<name>.tmp-<pid>-<random>`.
  static func temporarySibling(of path: String) -> String {
    let path = trimmingTrailingSlashes(path)
    let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let hidden = ".\(name).tmp-\(getpid())-\(suffix)"
    let parent = parent(of: path)
    return parent == "/" ? "/" + hidden : parent + "/" + hidden
  }

  /// Removes `.<name>.tmp-<pid>-*` siblings of `path` left by processes that no longer exist (a
  /// save killed half-way); a live process's temporary directory is left alone.
  static func removeAbandonedTemporarySiblings(of path: String) {
    let path = trimmingTrailingSlashes(path)
    let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    let prefix = ".\(name).tmp-"
    let parent = parent(of: path)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      guard let pid = Int32(entry.dropFirst(prefix.count).prefix(while: { $0 != "-" })), pid > 0,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      try? FileManager.default.removeItem(atPath: parent + "/" + entry)
    }
  }

  /// Creates `path` and its missing ancestors; returns the directories it created, deepest
  /// first (so that removing them in order undoes it).
  static func createMissingDirectories(_ path: String) -> [String] {
    var missing: [String] = []
    var current = trimmingTrailingSlashes(path)
    var info = stat()
    while lstat(current, &info) != 0 && errno == ENOENT {
      missing.append(current)
      let up = parent(of: current)
      if up == current { break }
      current = up
    }
    var created: [String] = []
    for directory in missing.reversed() {
      guard mkdir(directory, 0o755) == 0 else { break }
      created.insert(directory, at: 0)
    }
    return created
  }

  static func writeAll(fd: Int32, bytes: UnsafeRawBufferPointer, path: String) throws {
    var offset = 0
    while offset < bytes.count {
      let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw AtomicFileError(path: path, operation: "write", code: errno)
      }
      offset += written
    }
  }

  static func syncFile(_ path: String, directory: Bool) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
    guard fd >= 0 else { throw AtomicFileError(path: path, operation: "open for fsync", code: errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw AtomicFileError(path: path, operation: "fsync", code: errno) }
  }

  static func syncDirectory(_ path: String) throws {
    try syncFile(path, directory: true)
  }

  /// Fsyncs every regular file and directory under `root` (symbolic links are not followed),
  /// children before their directory, and `root` last.
  static func syncTree(_ root: String) throws {
    let names = try FileManager.default.subpathsOfDirectory(atPath: root)
    for name in names.sorted(by: { $0.count > $1.count }) {
      let path = root + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0 else { throw AtomicFileError(path: path, operation: "stat", code: errno) }
      switch info.st_mode & S_IFMT {
      case S_IFREG: try syncFile(path, directory: false)
      case S_IFDIR: try syncFile(path, directory: true)
      default: continue
      }
    }
    try syncDirectory(root)
  }
}
