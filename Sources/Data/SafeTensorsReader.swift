import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and validating safetensors files.
///
/// Everything is checked before any tensor is returned: the header length against the file, the
/// header as a JSON object with each tensor's dtype, shape and offsets, the metadata as strings,
/// duplicate names (which a JSON parser silently merges, so the header's top-level keys are
/// scanned separately), each tensor's byte span against its shape and dtype, and the offsets
/// tiling the data section exactly: no overlap, no gap, nothing past the end, nothing left over.
extension SafeTensorsFile {
  /// The reference implementation's limit on the header length.
  public static let maximumHeaderLength: UInt64 = 100_000_000

  /// Reads and validates the file at `path`: a regular file only (a FIFO would block the read and
  /// `/dev/zero` never ends), mapped rather than read, so that a file larger than its header claims
  /// is refused from its size before its data is copied.
  public init(contentsOfFile path: String) throws {
    if let problem = Self.regularFileProblem(path) {
      throw SafeTensorsError(file: path, problem: .unreadable(reason: problem))
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      let reason =
        FileAccess.readProblem(path) ?? (error as NSError).localizedFailureReason
        ?? (error as NSError).localizedDescription
      throw SafeTensorsError(file: path, problem: .unreadable(reason: reason))
    }
    try self.init(decoding: data, source: path)
  }

  /// Why `path` is not a regular file that can be opened (nil if it is), without blocking on a
  /// FIFO: opened with `O_NONBLOCK` and checked with `fstat`.
  static func regularFileProblem(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return String(cString: strerror(errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return String(cString: strerror(errno)) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return String(cString: strerror(EISDIR))
    case S_IFIFO: return "not a regular file (it is a FIFO)"
    case S_IFCHR: return "not a regular file (it is a character device)"
    case S_IFBLK: return "not a regular file (it is a block device)"
    case S_IFSOCK: return "not a regular file (it is a socket)"
    default: return "not a regular file"
    }
  }

  /// Decodes and validates the bytes of a file; `source` names it in errors. Only the header is
  /// copied before the layout is known to tile the data exactly; then each tensor's bytes.
  public init(decoding data: Data, source: String = "<memory>") throws {
    func fail(_ problem: SafeTensorsError.Problem) -> SafeTensorsError {
      SafeTensorsError(file: source, problem: problem)
    }
    // Indices below are from 0: re-base a slice (in-memory callers only; a file is mapped whole).
    let bytes = data.startIndex == 0 ? data : Data([UInt8](data))
    guard bytes.count >= 8 else { throw fail(.fileTooShort(bytes: bytes.count)) }
    let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    guard headerLength <= Self.maximumHeaderLength else { throw fail(.headerTooLarge(length: headerLength)) }
    guard headerLength <= UInt64(bytes.count - 8) else {
      throw fail(.headerBeyondFile(length: headerLength, fileSize: bytes.count))
    }
    let header = [UInt8](bytes[8..<8 + Int(headerLength)])
    let dataStart = 8 + Int(headerLength)
    let dataSize = bytes.count - dataStart

    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: Data(header))
    } catch {
      throw fail(.headerNotJSON)
    }
    guard let object = parsed as? [String: Any] else { throw fail(.headerNotObject) }
    if let duplicate = HeaderKeys.firstDuplicate(in: header) { throw fail(.duplicateName(duplicate)) }

    var metadata: [String: String] = [:]
    if let raw = object[Self.metadataKey] {
      guard let strings = raw as? [String: Any] else { throw fail(.badMetadata) }
      for (key, value) in strings {
        guard let value = value as? String else { throw fail(.badMetadata) }
        metadata[key] = value
      }
    }

    var layout: [(name: String, begin: Int, end: Int, dtype: SafeTensorDType, shape: [Int])] = []
    for (name, raw) in object where name != Self.metadataKey {
      guard let entry = raw as? [String: Any] else {
        throw fail(.badEntry(name: name, reason: "not an object"))
      }
      guard let dtypeName = entry["dtype"] as? String else {
        throw fail(.badEntry(name: name, reason: "no dtype string"))
      }
      guard let dtype = SafeTensorDType(rawValue: dtypeName) else {
        throw fail(.unsupportedDType(name: name, dtype: dtypeName))
      }
      guard let shapeValues = entry["shape"] as? [Any] else {
        throw fail(.badEntry(name: name, reason: "no shape array"))
      }
      let shape = shapeValues.compactMap(jsonInteger)
      guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
        throw fail(.badEntry(name: name, reason: "shape is not a list of non-negative integers"))
      }
      guard let offsetValues = entry["data_offsets"] as? [Any], offsetValues.count == 2,
        let begin = jsonInteger(offsetValues[0]), let end = jsonInteger(offsetValues[1]), begin >= 0,
        begin <= end
      else {
        throw fail(.badEntry(name: name, reason: "data_offsets is not [begin, end] with 0 <= begin <= end"))
      }
      var expected = dtype.byteSize
      for dimension in shape {
        let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
        guard !overflow else { throw fail(.badEntry(name: name, reason: "shape \(shape) is too large")) }
        expected = product
      }
      guard expected == end - begin else {
        throw fail(.sizeMismatch(name: name, expectedBytes: expected, actualBytes: end - begin))
      }
      guard end <= dataSize else { throw fail(.offsetsOutOfRange(name: name, end: end, dataSize: dataSize)) }
      layout.append((name, begin, end, dtype, shape))
    }

    // The spans, in file order, must tile 0..<dataSize exactly.
    layout.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    var cursor = 0
    var previous = ""
    for span in layout {
      if span.begin < cursor { throw fail(.overlap(name: span.name, other: previous)) }
      if span.begin > cursor { throw fail(.gap(offset: cursor, before: span.name)) }
      if span.end > span.begin {
        cursor = span.end
        previous = span.name
      }
    }
    if cursor != dataSize { throw fail(.trailingData(bytes: dataSize - cursor)) }

    var tensors: [String: SafeTensor] = [:]
    for span in layout {
      let words = littleEndianWords(bytes[(dataStart + span.begin)..<(dataStart + span.end)])
      switch span.dtype {
      case .float32:
        tensors[span.name] = SafeTensor(shape: span.shape, floats: words.map(Float.init(bitPattern:)))
      case .int32:
        tensors[span.name] = SafeTensor(shape: span.shape, ints: words.map(Int32.init(bitPattern:)))
      }
    }
    self.init(tensors: tensors, metadata: metadata)
  }
}

/// An integer JSON number (not a boolean, not fractional), as `Int`.
private func jsonInteger(_ value: Any) -> Int? {
  guard let number = value as? NSNumber else { return nil }
  let type = String(cString: number.objCType)
  guard type != "c", type != "B", type != "d", type != "f" else { return nil }
  if type == "Q" { return number.uint64Value <= UInt64(Int.max) ? Int(number.uint64Value) : nil }
  return number.intValue
}

private func littleEndianWords(_ bytes: Data) -> [UInt32] {
  let count = bytes.count / 4
  return [UInt32](unsafeUninitializedCapacity: count) { words, initialized in
    bytes.withUnsafeBytes { raw in
      for i in 0..<count {
        words[i] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
      }
    }
    initialized = count
  }
}

/// A scan of the top-level keys of a JSON object that is already known to be valid JSON.
enum HeaderKeys {
  /// The first key that occurs twice at the top level, decoded (so `"a"` and `"\u0061"` match).
  static func firstDuplicate(in json: [UInt8]) -> String? {
    var seen = Set<String>()
    var i = 0
    func skipWhitespace() {
      while i < json.count, [0x20, 0x09, 0x0A, 0x0D].contains(json[i]) { i += 1 }
    }
    /// Moves past the string literal starting at `i` and returns its raw bytes, quotes included.
    func skipString() -> ArraySlice<UInt8> {
      let start = i
      i += 1
      while i < json.count, json[i] != UInt8(ascii: "\"") {
        i += json[i] == UInt8(ascii: "\\") ? 2 : 1
      }
      i += 1
      return json[start..<min(i, json.count)]
    }
    skipWhitespace()
    guard i < json.count, json[i] == UInt8(ascii: "{") else { return nil }
    i += 1
    while i < json.count {
      skipWhitespace()
      guard i < json.count, json[i] == UInt8(ascii: "\"") else { return nil }
      let literal = skipString()
      guard
        let key = try? JSONSerialization.jsonObject(with: Data(literal), options: .fragmentsAllowed)
          as? String
      else { return nil }
      if !seen.insert(key).inserted { return key }
      // Skip ':' and the value, up to the ',' or '}' that ends it at this level.
      var depth = 0
      while i < json.count {
        let byte = json[i]
        if byte == UInt8(ascii: "\"") {
          _ = skipString()
          continue
        }
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
          depth += 1
        } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
          if depth == 0 { return nil }
          depth -= 1
        } else if byte == UInt8(ascii: ","), depth == 0 {
          break
        }
        i += 1
      }
      i += 1
    }
    return nil
  }
}
