import Foundation

/// The element types this implementation reads and writes (safetensors' names).
public enum SafeTensorDType: String, Sendable, CaseIterable {
  case float32 = "F32"
  case int32 = "I32"

  public var byteSize: Int { 4 }
}

/// One named tensor's contents: a shape and row-major values of one element type.
public struct SafeTensor: Sendable, Equatable {
  public enum Values: Sendable, Equatable {
    case float32([Float])
    case int32([Int32])
  }

  public let shape: [Int]
  public let values: Values

  public init(shape: [Int], floats: [Float]) {
    precondition(
      SafeTensor.count(of: shape) == floats.count,
      "SafeTensor: shape \(shape) needs \(SafeTensor.count(of: shape)) values, got \(floats.count)")
    self.shape = shape
    self.values = .float32(floats)
  }

  public init(shape: [Int], ints: [Int32]) {
    precondition(
      SafeTensor.count(of: shape) == ints.count,
      "SafeTensor: shape \(shape) needs \(SafeTensor.count(of: shape)) values, got \(ints.count)")
    self.shape = shape
    self.values = .int32(ints)
  }

  public var dtype: SafeTensorDType {
    switch values {
    case .float32: return .float32
    case .int32: return .int32
    }
  }

  public var floats: [Float]? {
    if case .float32(let v) = values { return v }
    return nil
  }

  public var ints: [Int32]? {
    if case .int32(let v) = values { return v }
    return nil
  }

  var byteCount: Int { SafeTensor.count(of: shape) * dtype.byteSize }

  static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }
}

/// A safetensors file: named tensors plus string metadata.
///
/// The format (as Python's `safetensors` library reads and writes it): an 8-byte little-endian
/// header length N, N bytes of JSON header mapping each tensor name to its `dtype`, `shape` and
/// `data_offsets` (begin and end, relative to the first byte after the header), plus an optional
/// `"__metadata__"` object of strings; then the raw little-endian data.
///
/// Writing orders the tensors by name (bytewise) and packs them back to back; the header is
/// padded with spaces to a multiple of 8 bytes so that the data starts 8-byte aligned, as the
/// reference implementation does. Reading validates every part; see `SafeTensorsError`.
public struct SafeTensorsFile: Sendable, Equatable {
  public var tensors: [String: SafeTensor]
  public var metadata: [String: String]

  /// The header key that holds the metadata; not usable as a tensor name.
  public static let metadataKey = "__metadata__"

  public init(tensors: [String: SafeTensor] = [:], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// Writes the file atomically (see `AtomicFile`).
  public func write(to path: String) throws {
    try AtomicFile.write(encoded(), to: path)
  }

  /// The file's bytes.
  public func encoded() -> Data {
    precondition(
      tensors[Self.metadataKey] == nil, "SafeTensorsFile: '\(Self.metadataKey)' is not a tensor name")
    let names = tensors.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
        jsonString($0) + ":" + jsonString(metadata[$0]!)
      }
      entries.append(jsonString(Self.metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
    }
    var offset = 0
    for name in names {
      let tensor = tensors[name]!
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      entries.append(
        jsonString(name) + ":{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],"
          + "\"data_offsets\":[\(offset),\(offset + tensor.byteCount)]}")
      offset += tensor.byteCount
    }
    var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
    header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)

    var data = Data(capacity: 8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: header)
    for name in names {
      switch tensors[name]!.values {
      case .float32(let values): appendLittleEndian(values.map(\.bitPattern), to: &data)
      case .int32(let values): appendLittleEndian(values.map { UInt32(bitPattern: $0) }, to: &data)
      }
    }
    return data
  }
}

private func appendLittleEndian(_ words: [UInt32], to data: inout Data) {
  #if _endian(little)
    words.withUnsafeBytes { data.append(contentsOf: $0) }
  #else
    words.map(\.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
  #endif
}

/// `text` as a JSON string literal.
private func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      let hex = String(scalar.value, radix: 16)
      out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}
