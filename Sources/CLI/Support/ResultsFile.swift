import Foundation

/// Fails before any work if `path` (a results file to append to) cannot be written, so a long
/// benchmark does not end in an error; nothing is created.
func checkAppendable(_ path: String?) throws {
  guard let path else { return }
  var isDirectory: ObjCBool = false
  let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
  let target = exists ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
  if isDirectory.boolValue { errno = EISDIR }
  guard !isDirectory.boolValue, access(target, W_OK) == 0 else {
    throw CommandError("\(path): cannot append to it: \(String(cString: strerror(errno)))")
  }
}

/// Appends `line` to the results file at `path` (created if missing), every write checked: a
/// full disk or a file that cannot be written is a failure naming the file, never a trap or a
/// line lost.
func appendLine(_ line: String, to path: String) throws {
  func failure(_ code: Int32) -> CommandError {
    CommandError("\(path): cannot append to it: \(String(cString: strerror(code)))")
  }
  guard let file = fopen(path, "a") else { throw failure(errno) }
  var text = line + "\n"
  let written = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count }
  let writeErrno = errno
  let closed = fclose(file) == 0
  if !written { throw failure(writeErrno) }
  if !closed { throw failure(errno) }
}
