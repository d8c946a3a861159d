import Foundation
import Testing

@testable import PepnetData

@Suite struct SafeTensorsTests {
  /// Tensors "a" (F32 [2] = [1, -2.5]) and "b" (I32 [1] = [7]) with metadata {"k": "v"}, written
  /// out byte by byte.
  static let fixtureHeader =
    #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
    + #""b":{"dtype":"I32","shape":[1],"data_offsets":[8,12]}}"#
  static let fixture: [UInt8] =
    // Header length 136 = 0x88: the 133-byte JSON above plus 3 spaces of padding.
    [0x88, 0, 0, 0, 0, 0, 0, 0] + Array(fixtureHeader.utf8) + [0x20, 0x20, 0x20]
    // a: 1.0 = 0x3F800000, -2.5 = 0xC0200000 (little-endian).
    + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0]
    // b: 7.
    + [0x07, 0x00, 0x00, 0x00]

  static let fixtureContent = SafeTensorsFile(
    tensors: ["a": SafeTensor(shape: [2], floats: [1, -2.5]), "b": SafeTensor(shape: [1], ints: [7])],
    metadata: ["k": "v"])

  @Test func decodesAHandBuiltFile() throws {
    #expect(Self.fixtureHeader.utf8.count == 133)
    let file = try SafeTensorsFile(decoding: Data(Self.fixture))
    #expect(file == Self.fixtureContent)
  }

  /// A slice of a larger buffer (indices not from 0) decodes the same as the bytes alone.
  @Test func decodesASlice() throws {
    let padded = Data([9, 9, 9] + Self.fixture)
    #expect(try SafeTensorsFile(decoding: padded[3...]) == Self.fixtureContent)
  }

  @Test func encodesExactlyTheReferenceLayout() {
    #expect([UInt8](Self.fixtureContent.encoded()) == Self.fixture)
  }

  @Test func roundTripsThroughAFile() throws {
    let original = SafeTensorsFile(
      tensors: [
        "tower.0.weight": SafeTensor(shape: [2, 3], floats: [1, -2, 3.5, .infinity, -0.0, 1e-30]),
        "scalar": SafeTensor(shape: [], floats: [42]),
        "empty": SafeTensor(shape: [0, 4], floats: []),
        "ids": SafeTensor(shape: [2, 2], ints: [0, -1, .max, .min]),
        "z\u{e9}\"quoted\"\n": SafeTensor(shape: [1], floats: [0.25]),
      ],
      metadata: ["format": "pt", "note": "tab\there, quote \" and \u{1} and \u{1F600}"])
    let bytes = original.encoded()
    let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
    #expect(headerLength % 8 == 0)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("model.safetensors").path
    try original.write(to: path)
    #expect(try SafeTensorsFile(contentsOfFile: path) == original)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
  }

  // MARK: Corruption

  /// A file with the given header text (unpadded) and data bytes.
  private func file(_ header: String, data: [UInt8] = [], length: UInt64? = nil) -> Data {
    let length = length ?? UInt64(header.utf8.count)
    return Data((0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + Array(header.utf8) + data)
  }

  private func problem(_ data: Data) -> SafeTensorsError.Problem? {
    do {
      _ = try SafeTensorsFile(decoding: data, source: "bad.safetensors")
      return nil
    } catch let error as SafeTensorsError {
      #expect(error.file == "bad.safetensors")
      #expect(error.description.hasPrefix("bad.safetensors: "))
      #expect(!error.description.contains("\n"))
      return error.problem
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  private func entry(_ name: String, _ dtype: String = "F32", shape: String, offsets: String) -> String {
    #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
  }

  @Test func rejectsBrokenHeaders() {
    #expect(problem(Data([1, 2, 3, 4, 5])) == .fileTooShort(bytes: 5))
    #expect(problem(file("{}", length: 1 << 40)) == .headerTooLarge(length: 1 << 40))
    #expect(
      problem(file("{}", data: Array(repeating: 0, count: 18), length: 100))
        == .headerBeyondFile(length: 100, fileSize: 28))
    #expect(problem(file("{not json")) == .headerNotJSON)
    #expect(problem(file("[1, 2]")) == .headerNotObject)
    #expect(problem(file(#"{"__metadata__":{"k":1}}"#)) == .badMetadata)
    #expect(problem(file(#"{"__metadata__":[]}"#)) == .badMetadata)
    // An empty file (no tensors) is valid, padding spaces included.
    #expect(problem(file("{}      ")) == nil)
  }

  @Test func rejectsBadEntries() {
    let four: [UInt8] = [0, 0, 0, 0]
    #expect(
      problem(file("{" + entry("a", "F16", shape: "[2]", offsets: "[0,4]") + "}", data: four))
        == .unsupportedDType(name: "a", dtype: "F16"))
    #expect(
      problem(file("{" + entry("a", "XYZ", shape: "[1]", offsets: "[0,4]") + "}", data: four))
        == .unsupportedDType(name: "a", dtype: "XYZ"))
    #expect(
      problem(file("{" + entry("a", shape: "[3]", offsets: "[0,8]") + "}", data: four + four))
        == .sizeMismatch(name: "a", expectedBytes: 12, actualBytes: 8))
    for badShape in ["[-1]", "[1.5]", "[true]", "3"] {
      if case .badEntry(name: "a", _)? = problem(
        file("{" + entry("a", shape: badShape, offsets: "[0,4]") + "}", data: four))
      {
      } else {
        Issue.record("shape \(badShape) accepted")
      }
    }
    for badOffsets in ["[4,0]", "[0]", "[-4,0]", "[0,4,8]"] {
      if case .badEntry(name: "a", _)? = problem(
        file("{" + entry("a", shape: "[1]", offsets: badOffsets) + "}", data: four))
      {
      } else {
        Issue.record("offsets \(badOffsets) accepted")
      }
    }
    if case .badEntry(name: "a", _)? = problem(file(#"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, data: four))
    {
    } else {
      Issue.record("missing dtype accepted")
    }
    if case .badEntry(name: "a", _)? = problem(file(#"{"a":7}"#)) {
    } else {
      Issue.record("non-object entry accepted")
    }
  }

  @Test func rejectsBadLayouts() {
    let twelve = [UInt8](repeating: 0, count: 12)
    #expect(
      problem(file("{" + entry("a", shape: "[2]", offsets: "[0,8]") + "}", data: [0, 0, 0, 0]))
        == .offsetsOutOfRange(name: "a", end: 8, dataSize: 4))
    let overlapping =
      "{" + entry("a", shape: "[2]", offsets: "[0,8]") + "," + entry("b", shape: "[2]", offsets: "[4,12]")
      + "}"
    #expect(problem(file(overlapping, data: twelve)) == .overlap(name: "b", other: "a"))
    let gap =
      "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "," + entry("b", shape: "[1]", offsets: "[8,12]")
      + "}"
    #expect(problem(file(gap, data: twelve)) == .gap(offset: 4, before: "b"))
    #expect(
      problem(file("{" + entry("a", shape: "[1]", offsets: "[0,4]") + "}", data: twelve))
        == .trailingData(bytes: 8))
    let duplicate =
      "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "," + entry("a", shape: "[1]", offsets: "[4,8]")
      + "}"
    #expect(problem(file(duplicate, data: [UInt8](repeating: 0, count: 8))) == .duplicateName("a"))
    // The same name spelt with an escape is still a duplicate.
    let escaped =
      "{" + entry("a", shape: "[1]", offsets: "[0,4]") + ","
      + entry("\\u0061", shape: "[1]", offsets: "[0,4]") + "}"
    #expect(problem(file(escaped, data: [0, 0, 0, 0])) == .duplicateName("a"))
    // A real file cut short.
    let truncated = Data(Self.fixture.dropLast(4))
    #expect(problem(truncated) == .offsetsOutOfRange(name: "b", end: 12, dataSize: 8))
  }

  @Test func reportsAnUnreadableFile() {
    let path = "/nonexistent-\(UUID().uuidString)/model.safetensors"
    #expect {
      try SafeTensorsFile(contentsOfFile: path)
    } throws: { error in
      guard let error = error as? SafeTensorsError, case .unreadable = error.problem else { return false }
      return error.file == path
    }
  }
}
