/// Why a safetensors file could not be read: the file and, in one line, what is wrong with it.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Problem: Equatable, Sendable {
    case unreadable(reason: String)
    case fileTooShort(bytes: Int)
    case headerTooLarge(length: UInt64)
    case headerBeyondFile(length: UInt64, fileSize: Int)
    case headerNotJSON
    case headerNotObject
    case badMetadata
    case duplicateName(String)
    case badEntry(name: String, reason: String)
    case unsupportedDType(name: String, dtype: String)
    case sizeMismatch(name: String, expectedBytes: Int, actualBytes: Int)
    case offsetsOutOfRange(name: String, end: Int, dataSize: Int)
    case overlap(name: String, other: String)
    case gap(offset: Int, before: String)
    case trailingData(bytes: Int)
  }

  /// The file's path (or a caller-chosen label for in-memory data).
  public var file: String
  public var problem: Problem

  public init(file: String, problem: Problem) {
    self.file = file
    self.problem = problem
  }

  public var description: String { "\(file): invalid safetensors file: \(problem.text)" }
}

extension SafeTensorsError.Problem {
  var text: String {
    switch self {
    case .unreadable(let reason): return "cannot read it (\(reason))"
    case .fileTooShort(let bytes): return "\(bytes) bytes is shorter than the 8-byte header length"
    case .headerTooLarge(let length): return "header length \(length) is absurdly large"
    case .headerBeyondFile(let length, let fileSize):
      return "header length \(length) runs past the end of the \(fileSize)-byte file"
    case .headerNotJSON: return "the header is not valid JSON"
    case .headerNotObject: return "the header is not a JSON object"
    case .badMetadata: return "__metadata__ is not an object of strings"
    case .duplicateName(let name): return "tensor '\(name)' appears twice in the header"
    case .badEntry(let name, let reason): return "tensor '\(name)': \(reason)"
    case .unsupportedDType(let name, let dtype):
      return "tensor '\(name)' has dtype '\(dtype)'; only F32 and I32 are supported"
    case .sizeMismatch(let name, let expected, let actual):
      return "tensor '\(name)' needs \(expected) bytes for its shape and dtype but its offsets span \(actual)"
    case .offsetsOutOfRange(let name, let end, let dataSize):
      return "tensor '\(name)' ends at byte \(end) of a \(dataSize)-byte data section"
    case .overlap(let name, let other): return "tensors '\(other)' and '\(name)' overlap"
    case .gap(let offset, let before):
      return "data bytes from offset \(offset) up to tensor '\(before)' belong to no tensor"
    case .trailingData(let bytes): return "\(bytes) bytes after the last tensor belong to no tensor"
    }
  }
}
