import Foundation
import PepnetNumerics
import Testing

@testable import PepnetData

/// A bounded mutation fuzz of the parsers: valid inputs with random byte flips, insertions,
/// deletions and truncations must parse or fail with an error, never crash or hang. (A crash
/// takes the test process down, which fails the run.) Seeded, so a failure reproduces.
@Suite struct MutationFuzzTests {
  static func mutate(_ bytes: [UInt8], rng: inout SeededRNG) -> [UInt8] {
    var out = bytes
    for _ in 0...rng.below(4) {
      guard !out.isEmpty else { break }
      let at = rng.below(out.count)
      switch rng.below(5) {
      case 0: out[at] = UInt8(truncatingIfNeeded: rng.next())
      case 1:
        out.insert(
          [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), 0, 0xFF][rng.below(5)], at: at)
      case 2: out.remove(at: at)
      case 3: out.removeSubrange(at...)
      default: out.insert(contentsOf: out[at..<min(out.count, at + rng.below(16))], at: at)
      }
    }
    return out
  }

  @Test func csvIngestSurvivesMutations() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(to: dir)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let original = Array(Fixture.valid.utf8)
    var rng = SeededRNG(seed: 99)
    var failures = 0
    for _ in 0..<400 {
      let path = dir.write("fuzz.csv", String(decoding: Self.mutate(original, rng: &rng), as: UTF8.self))
      do {
        let rows = try EncodedDataset(path: path, pipeline: pipeline)
        #expect(rows.count <= 64)
      } catch {
        failures += 1
        #expect(!"\(error)".contains("\n"), "one-line errors: \(error)")
      }
    }
    #expect(failures > 0, "mutations should produce some errors")
  }

  @Test func safetensorsReaderSurvivesMutations() throws {
    let file = SafeTensorsFile(
      tensors: [
        "a": SafeTensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]), "b": SafeTensor(shape: [1], ints: [7]),
      ], metadata: ["format": "pepnet"])
    let original = [UInt8](file.encoded())
    var rng = SeededRNG(seed: 100)
    var failures = 0
    for _ in 0..<2000 {
      do {
        _ = try SafeTensorsFile(decoding: Data(Self.mutate(original, rng: &rng)))
      } catch {
        failures += 1
        #expect(!"\(error)".contains("\n"), "one-line errors: \(error)")
      }
    }
    #expect(failures > 100)
  }

  @Test func schemaLoaderSurvivesMutations() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let url = dir.url.appendingPathComponent("schema.json")
    try Fixture.schema.write(to: url)
    let original = [UInt8](try Data(contentsOf: url))
    var rng = SeededRNG(seed: 101)
    var failures = 0
    for _ in 0..<500 {
      try Data(Self.mutate(original, rng: &rng)).write(to: url)
      do {
        _ = try DatasetSchema.load(from: url)
      } catch {
        failures += 1
        #expect(!"\(error)".contains("\n"), "one-line errors: \(error)")
      }
    }
    #expect(failures > 50)
  }

  /// The ingest UTF-8 check agrees with the standard library's validation on random and mutated
  /// byte strings (mostly multi-byte text, so that near-valid sequences are common).
  @Test func utf8ValidationAgreesWithTheStandardLibrary() {
    var rng = SeededRNG(seed: 102)
    let text = Array("id caf\u{e9} \u{4e2d}\u{6587} \u{1F600} \u{10FFFF} \u{7FF} \u{800}".utf8)
    for round in 0..<5000 {
      let bytes: [UInt8] =
        round % 2 == 0
        ? Self.mutate(text, rng: &rng)
        : (0..<rng.below(12)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      let ours = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte($0) }
      let valid = String(validating: bytes, as: UTF8.self) != nil
      #expect((ours == nil) == valid, "\(bytes)")
      if let bad = ours {
        // Everything before the reported byte is valid UTF-8 on its own.
        #expect(String(validating: bytes[..<bad], as: UTF8.self) != nil, "\(bytes) at \(bad)")
      }
    }
  }
}
