#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file cannot be read, in the operating system's words ("No such file or directory", "Is a
/// directory", "Permission denied"), so that every loader reports an unreadable input the same
/// way instead of Foundation's generic "The operation could not be completed".
public enum FileAccess {
  /// The reason `path` cannot be opened for reading as a regular file, or nil if it can.
  public static func readProblem(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return String(cString: strerror(errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return String(cString: strerror(EISDIR)) }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return String(cString: strerror(errno)) }
    close(fd)
    return nil
  }
}
