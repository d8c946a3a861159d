#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file cannot be read, in the operating system's words ("No such file or directory", "Is a
/// directory", "Permission denied"), so that every loader reports an unreadable input the same
/// way instead of Foundation's generic "The operation could not be completed".
///
/// Inputs must be regular files: a FIFO would block the reader forever and a device such as
/// `/dev/zero` never ends, so both are refused before anything is read.
public enum FileAccess {
  /// Why a path cannot be read as a regular file.
  public struct Problem: Error, Equatable, Sendable {
    public var reason: String
  }

  /// The reason `path` cannot be opened for reading as a regular file, or nil if it can.
  public static func readProblem(_ path: String) -> String? {
    switch openRegularFile(path) {
    case .success(let fd):
      close(fd)
      return nil
    case .failure(let problem): return problem.reason
    }
  }

  /// Opens `path` read-only if it is a regular file. Never blocks: the file is opened with
  /// `O_NONBLOCK` (so a FIFO without a writer does not hang the open), checked with `fstat`, and
  /// switched back to blocking reads.
  public static func openRegularFile(_ path: String) -> Result<Int32, Problem> {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return .failure(Problem(reason: String(cString: strerror(errno)))) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      return .failure(Problem(reason: reason))
    }
    let type = info.st_mode & S_IFMT
    if type != S_IFREG {
      close(fd)
      let reason =
        type == S_IFDIR ? String(cString: strerror(EISDIR)) : "not a regular file (\(describe(type)))"
      return .failure(Problem(reason: reason))
    }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    return .success(fd)
  }

  /// What a non-regular file is, for the message.
  private static func describe(_ type: mode_t) -> String {
    switch type {
    case S_IFIFO: return "it is a FIFO"
    case S_IFCHR: return "it is a character device"
    case S_IFBLK: return "it is a block device"
    case S_IFSOCK: return "it is a socket"
    default: return "file type \(type)"
    }
  }
}
