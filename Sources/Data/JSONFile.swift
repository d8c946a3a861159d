import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way pepnet reads a JSON file (`schema.json`, a bundle's `config.json` and
/// `pipeline.json`, `truth.json`): a regular file only (a FIFO or `/dev/zero` would hang or grow
/// without bound), at most `maxBytes`, and free of duplicate keys and of absurd nesting
/// (`JSONStructureCheck`). `decode(_:at:)` adds decoding, with every failure a `FileError`.
public enum JSONFile {
  /// The largest JSON file read: far above any real `pipeline.json` (about 1 KB per user or item).
  public static let maxBytes = 1 << 30

  /// Why a JSON file was not read.
  public enum Problem: Error, Equatable, Sendable {
    /// It cannot be opened or read: the operating system's reason, or "not a regular file (...)".
    case unreadable(String)
    /// Its text is refused before decoding (too large, a duplicate key, nested too deep).
    case invalid(String)
  }

  /// The bytes of the JSON file at `path`, checked; an empty file is returned as is (the
  /// decoder's message for it is the caller's).
  public static func read(atPath path: String) throws(Problem) -> Data {
    let fd: Int32
    switch FileAccess.openRegularFile(path) {
    case .success(let opened): fd = opened
    case .failure(let problem): throw .unreadable(problem.reason)
    }
    defer { close(fd) }
    var info = stat()
    let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    if size > maxBytes {
      throw .invalid("\(size) bytes, more than the \(maxBytes >> 20) MiB a JSON file may have")
    }
    // Read to the end (the file may have grown since fstat), never past the limit.
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var count = 0
    while true {
      if count == bytes.count {
        if count > maxBytes {
          throw .invalid("more than the \(maxBytes >> 20) MiB a JSON file may have")
        }
        bytes += [UInt8](repeating: 0, count: max(count, 4096))
      }
      let n = bytes.withUnsafeMutableBytes { readSome(fd, $0.baseAddress! + count, $0.count - count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadable(String(cString: strerror(errno)))
      }
      if n == 0 { break }
      count += n
    }
    bytes.removeSubrange(count...)
    if let problem = bytes.withUnsafeBufferPointer({ JSONStructureCheck.problem(in: $0) }) {
      throw .invalid(problem)
    }
    return Data(bytes)
  }
}

extension JSONFile {
  /// The JSON file at `path` (read by `read(atPath:)`) decoded as `T`, for a dataset's files
  /// (`schema.json`, `truth.json`). Every failure is one `FileError` naming the file: `cannot
  /// read: <the system's reason>`, the structure problem, `empty file (expected a JSON object)`,
  /// the decoding error in words (`DatasetSchema.describe`), or the description of an error the
  /// type's decoder throws itself (an unknown key).
  public static func decode<T: Decodable>(_ type: T.Type, at path: String) throws(FileError) -> T {
    let data: Data
    do throws(Problem) { data = try read(atPath: path) } catch {
      switch error {
      case .unreadable(let reason): throw FileError(path: path, problem: "cannot read: \(reason)")
      case .invalid(let message): throw FileError(path: path, problem: message)
      }
    }
    if data.isEmpty { throw FileError(path: path, problem: "empty file (expected a JSON object)") }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch let error as DecodingError {
      throw FileError(path: path, problem: DatasetSchema.describe(error))
    } catch let error as CustomStringConvertible {
      throw FileError(path: path, problem: error.description)
    } catch {
      throw FileError(path: path, problem: "\(error)")
    }
  }
}

/// `read(2)`, named apart from `JSONFile.read(atPath:)`, which would shadow it.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
