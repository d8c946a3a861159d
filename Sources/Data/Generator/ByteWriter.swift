#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered file writer for CSV output: appends bytes, integers and short decimals without
/// creating strings, and quotes fields that need it (RFC 4180).
final class ByteWriter {
  private let fd: Int32
  private var buffer: [UInt8] = []
  let path: String
  private(set) var bytesWritten = 0

  init(path: String) throws {
    self.path = path
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 {
      throw DataError(
        file: path, line: 0, column: 0, kind: .io("cannot create file: \(String(cString: strerror(errno)))"))
    }
    buffer.reserveCapacity(1 << 20)
  }

  deinit { if fd >= 0 { close(fd) } }

  @inline(__always) func byte(_ b: UInt8) { buffer.append(b) }
  @inline(__always) func comma() { buffer.append(UInt8(ascii: ",")) }
  @inline(__always) func newline() throws {
    buffer.append(UInt8(ascii: "\n"))
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends a string, quoted if it contains a comma, quote or line break.
  func field(_ s: String) {
    let needsQuotes = s.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
    if !needsQuotes {
      buffer.append(contentsOf: s.utf8)
      return
    }
    buffer.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      if b == UInt8(ascii: "\"") { buffer.append(b) }
      buffer.append(b)
    }
    buffer.append(UInt8(ascii: "\""))
  }

  /// Appends raw bytes (no quoting).
  @inline(__always) func raw(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

  /// Appends a non-negative integer.
  @inline(__always) func int(_ value: Int) {
    var divisor = 1
    while divisor <= value / 10 { divisor *= 10 }
    var n = value
    while divisor > 0 {
      buffer.append(UInt8(ascii: "0") + UInt8(n / divisor))
      n %= divisor
      divisor /= 10
    }
  }

  /// Appends a probability in [0, 1] with 4 significant digits, trailing zeros dropped
  /// (0.3127, 0.05, 0.0003127, 1).
  @inline(__always) func probability(_ p: Double) {
    if p >= 0.999_95 {
      buffer.append(UInt8(ascii: "1"))
      return
    }
    if p < 1e-9 {
      buffer.append(UInt8(ascii: "0"))
      return
    }
    var scaled = p
    var zeros = 0
    while scaled < 0.1 {
      scaled *= 10
      zeros += 1
    }
    var digits = Int((scaled * 10_000).rounded())
    if digits >= 10_000 {
      digits = 1000
      zeros -= 1
    }
    buffer.append(UInt8(ascii: "0"))
    buffer.append(UInt8(ascii: "."))
    for _ in 0..<zeros { buffer.append(UInt8(ascii: "0")) }
    var length = 4
    while length > 1 && digits % 10 == 0 {
      digits /= 10
      length -= 1
    }
    int(digits, width: length)
  }

  /// Appends `value` zero-padded to `width` digits.
  @inline(__always) private func int(_ value: Int, width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var n = value
    while divisor > 0 {
      buffer.append(UInt8(ascii: "0") + UInt8(n / divisor))
      n %= divisor
      divisor /= 10
    }
  }

  func flush() throws {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, buffer.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw DataError(
          file: path, line: 0, column: 0, kind: .io("write failed: \(String(cString: strerror(errno)))"))
      }
      offset += n
    }
    bytesWritten += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }

  func finish() throws {
    try flush()
    if fsync(fd) != 0 && errno != EINVAL {}
  }
}
