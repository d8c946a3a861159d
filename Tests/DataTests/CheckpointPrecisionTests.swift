import Foundation
import PepnetModel
import PepnetNumerics
import Testing

@testable import PepnetData
@testable import PepnetTraining

/// Issue 15 item 5: the precision a run trained at is one of the checkpoint's resumable settings.
@Suite struct CheckpointPrecisionTests {
  let settings = ResumableSettings(
    batchSize: 2, optimizer: OptimizerSettings(learningRate: 2e-3), seed: 9, threads: 1, taskWeights: nil,
    learningRateDecay: 1, trainImpressions: 6, validImpressions: 4, precision: .bf16)

  @Test func anotherPrecisionIsADifference() {
    var fp32 = settings
    fp32.precision = .fp32
    #expect(settings.firstDifference(from: fp32) == "precision: bf16 in the checkpoint, fp32 now")
    #expect(settings.firstDifference(from: settings) == nil)
  }

  @Test func thePrecisionIsSavedAndReadBack() throws {
    let data = try JSONEncoder().encode(settings)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"precision\":\"bf16\""), "\(text)")
    #expect(try JSONDecoder().decode(ResumableSettings.self, from: data) == settings)
  }

  /// A checkpoint written before the precision was recorded reads as fp32 (every run was fp32
  /// until bf16 training came), so such a run resumes in fp32 as before.
  @Test func aCheckpointWithoutAPrecisionReadsAsFP32() throws {
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)) as? [String: Any])
    object["precision"] = nil
    let old = try JSONDecoder().decode(
      ResumableSettings.self, from: JSONSerialization.data(withJSONObject: object))
    #expect(old.precision == .fp32)
    var expected = settings
    expected.precision = .fp32
    #expect(old == expected)
  }

  @Test func anUnknownPrecisionIsRefused() throws {
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)) as? [String: Any])
    object["precision"] = "fp16"
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ResumableSettings.self, from: JSONSerialization.data(withJSONObject: object))
    }
  }
}
