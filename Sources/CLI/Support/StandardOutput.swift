import Foundation
import PepnetText

#if canImport(Glibc)
  import Glibc
#endif

/// The one path for everything pepnet prints as a result: C stdio's `stdout` (as Swift's `print`,
/// so the two stay in order), every write checked. A failed write ends the command with
/// `pepnet: write error: <reason>`, exit status 1, as coreutils' `close_stdout` does, instead of
/// exit status 0 with the output lost (`pepnet eval ... > /dev/full`).
///
/// Text is written with control characters escaped (`\u{1B}`; line breaks kept), so a title or a
/// name read from a file cannot drive the terminal; JSON needs no escaping (`JSONEncoder` escapes
/// control characters itself).
///
/// stdout is fully buffered when it is not a terminal, so most write errors only show when the
/// buffer is flushed: `finish()`, called by `main` after every command, flushes and reports them.
/// The first error is kept with its reason: glibc does not repeat it (after a failed `fwrite`, a
/// later `fflush` returns 0 with only the error flag set).
enum StandardOutput {
  /// The first failure to print (a write error, or a value JSON cannot hold), kept for `finish()`.
  nonisolated(unsafe) private static var firstError: CommandError?
  private static let lock = NSLock()

  /// Writes `text` and a line break, control characters other than line breaks escaped.
  static func writeLine(_ text: String) throws {
    try write(text.escapingControlCharacters(keepingLineBreaks: true) + "\n")
  }

  /// Writes each of `lines` as one line: every control character escaped, line breaks too (an id
  /// with a line break in it does not start a line).
  static func writeLines(_ lines: [String]) throws {
    try write(lines.map { $0.escapingControlCharacters() + "\n" }.joined())
  }

  /// Writes `value` as one line of sorted-key JSON. A value JSON cannot hold (a NaN or an
  /// infinite number) is a failure naming where it is, never an empty or partial line.
  static func writeJSON<T: Encodable>(_ value: T) throws {
    try write(jsonLine(value))
  }

  /// One line of sorted-key JSON for `value`, or the failure naming what cannot be encoded.
  static func jsonLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch EncodingError.invalidValue(let bad, let context) {
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw CommandError("cannot print \(bad) at '\(path)' as JSON: not a finite number")
    }
  }

  /// Writes `text` as it is. Throws (and remembers for `finish()`) the first write error.
  static func write(_ text: String) throws {
    lock.lock()
    defer { lock.unlock() }
    if let firstError { throw firstError }
    var text = text
    let written = text.withUTF8 { bytes -> Bool in
      guard let base = bytes.baseAddress else { return true }
      return fwrite(base, 1, bytes.count, stdout) == bytes.count
    }
    if !written { throw record(errno: errno) }
  }

  /// Keeps `error` (a value that cannot be printed) for `finish()`, for callers that cannot throw.
  static func fail(later error: CommandError) {
    lock.lock()
    defer { lock.unlock() }
    if firstError == nil { firstError = error }
  }

  /// Flushes stdout; throws the first write error of the whole run, if any.
  static func finish() throws {
    lock.lock()
    defer { lock.unlock() }
    if let firstError { throw firstError }
    if fflush(stdout) != 0 { throw record(errno: errno) }
    // A write that failed inside fwrite (its reason is gone).
    if ferror(stdout) != 0 { throw record(errno: 0) }
  }

  /// The error for a failed write with `errno` (0 when the reason is unknown), kept as the first.
  private static func record(errno code: Int32) -> CommandError {
    let error = CommandError(code == 0 ? "write error" : "write error: \(String(cString: strerror(code)))")
    if firstError == nil { firstError = error }
    return firstError!
  }
}

/// Swift's `print`, routed through `StandardOutput` for the whole `pepnet` module, so that every
/// command's output (also of files that call `print`) is checked and escaped. A write error is
/// kept and reported when the command ends (`StandardOutput.finish()`).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let text = items.map { "\($0)" }.joined(separator: separator)
  try? StandardOutput.write(text.escapingControlCharacters(keepingLineBreaks: true) + terminator)
}

/// One line of sorted-key JSON on stdout; a value JSON cannot hold, or a write error, is reported
/// when the command ends (see `StandardOutput`). Commands that can stop at once use
/// `StandardOutput.writeJSON`.
func printJSON<T: Encodable>(_ value: T) {
  do {
    try StandardOutput.writeJSON(value)
  } catch {
    StandardOutput.fail(later: error as? CommandError ?? CommandError("\(error)"))
  }
}

/// Encodable wrapper for heterogeneous JSON objects.
struct AnyEncodable: Encodable {
  let encodeTo: (Encoder) throws -> Void
  init<T: Encodable>(_ value: T) { encodeTo = value.encode }
  func encode(to encoder: Encoder) throws { try encodeTo(encoder) }
}

func printJSON(_ object: [String: any Encodable]) {
  printJSON(object.mapValues { AnyEncodable($0) })
}

/// A line on stderr (progress and diagnostics; results go to stdout), control characters other
/// than line breaks escaped. stderr is unbuffered; its write errors are ignored (there is nowhere
/// left to report them).
func log(_ text: String) {
  writeToStandardError(text.escapingControlCharacters(keepingLineBreaks: true) + "\n")
}

/// Writes `text` to stderr as it is, ignoring errors (`FileHandle.write` would trap on them).
func writeToStandardError(_ text: String) {
  var text = text
  text.withUTF8 { bytes in
    if let base = bytes.baseAddress { _ = fwrite(base, 1, bytes.count, stderr) }
  }
}

/// `value` as messages print a number: NaN as `nan` whatever its sign bit (Swift prints `-nan`).
func numberText(_ value: Float) -> String { value.isNaN ? "nan" : "\(value)" }
