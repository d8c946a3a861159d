import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The train, valid and test splits must be different files: a split that is the same file as
/// another (a hard or symbolic link), or a byte-for-byte copy of the train split, makes
/// validation and the test report measure the training data. `schema.json` naming one file
/// twice is refused by `DatasetSchema.validate`; this looks at the files themselves.
enum SplitFiles {
  /// A `FileError` on the later of two splits that are the same file, or on a split with the
  /// train split's bytes (`splits` lists train first), or nil. Files that cannot be opened are
  /// left to the readers, which say why.
  static func problem(_ splits: [(name: String, path: String)]) -> FileError? {
    var seen: [(name: String, path: String, info: stat)] = []
    let train = splits.first?.path
    for split in splits {
      var info = stat()
      guard stat(split.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
      for other in seen {
        if other.info.st_dev == info.st_dev && other.info.st_ino == info.st_ino {
          return FileError(
            path: split.path,
            problem: "is the same file as \(other.name); the train, valid and test splits must differ")
        }
        // A copy of the train split makes validation or the test measure training data. (Valid
        // and test may be copies of each other: small fixtures use one file for both.)
        if other.path == train && other.info.st_size == info.st_size
          && sameRows(other.path, split.path)
        {
          return FileError(
            path: split.path,
            problem: "has the same contents as \(other.name); the train, valid and test splits must differ")
        }
      }
      seen.append((split.name, split.path, info))
    }
    return nil
  }

  /// True if both files hold the same bytes and at least one row after the header (two
  /// header-only files are reported as having no rows, by the readers).
  private static func sameRows(_ a: String, _ b: String) -> Bool {
    guard let fa = FileHandle(forReadingAtPath: a), let fb = FileHandle(forReadingAtPath: b) else {
      return false
    }
    defer {
      try? fa.close()
      try? fb.close()
    }
    var lines = 0
    var atLineStart = true
    while true {
      // nil is the end of the file (or a read error, which the readers report later).
      let x = (try? fa.read(upToCount: 1 << 20)) ?? Data()
      let y = (try? fb.read(upToCount: 1 << 20)) ?? Data()
      if x != y { return false }
      if x.isEmpty { return lines >= 2 }
      for byte in x where lines < 2 {
        if atLineStart && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") { lines += 1 }
        atLineStart = byte == UInt8(ascii: "\n")
      }
    }
  }
}
