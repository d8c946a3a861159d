import Foundation
import PepnetTestSupport
import Testing

/// `pepnet train --precision` through the real binary: the precision trained at is recorded in the
/// bundle's config.json (`training.precision`); bf16 asked for where oneDNN has no native bf16
/// (`ONEDNN_MAX_CPU_ISA=AVX2`) trains in fp32, byte for byte, and says so once; `auto` is fp32.
@Suite(.serialized) struct TrainPrecisionTests {
  let scratch: String
  init() throws {
    scratch =
      FileManager.default.temporaryDirectory.appendingPathComponent("pepnet-precision-\(UUID().uuidString)")
      .path
    let generate = try PepnetProcess.run([
      "generate", "--out", scratch + "/data", "--seed", "5", "--users", "20", "--items", "30", "--authors",
      "6",
      "--impressions", "1200",
    ])
    try #require(generate.exitStatus == 0, "\(generate.stderr)")
  }

  struct Trained {
    let weights: Data
    let precision: String?
    let stderr: String
  }

  func train(_ name: String, _ extra: [String], environment: [String: String] = [:]) throws -> Trained {
    let out = scratch + "/" + name
    let run = try PepnetProcess.run(
      [
        "train", "--data", scratch + "/data", "--out", out, "--epochs", "1", "--threads", "2", "--batch-size",
        "64", "--emb-dim", "4", "--tower", "8", "--gate-hidden", "4", "--no-checkpoint",
      ] + extra, environment: environment)
    try #require(run.exitStatus == 0, "\(run.stderr)")
    let manifest = try Data(contentsOf: URL(fileURLWithPath: out + "/config.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
    let training = try #require(json["training"] as? [String: Any])
    return Trained(
      weights: try Data(contentsOf: URL(fileURLWithPath: out + "/weights.safetensors")),
      precision: training["precision"] as? String, stderr: run.stderr)
  }

  @Test func precisionIsRecordedAndBF16FallsBackToFP32WithoutNativeBF16() throws {
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let fp32 = try train("fp32", ["--precision", "fp32"])
    #expect(fp32.precision == "fp32")
    let auto = try train("auto", [])
    #expect(auto.precision == "fp32" && auto.weights == fp32.weights, "auto trains in fp32")
    let note = "training in fp32: oneDNN runs on avx2, which has no native bf16"
    #expect(!fp32.stderr.contains(note))
    let held = try train("held", ["--precision", "bf16"], environment: ["ONEDNN_MAX_CPU_ISA": "AVX2"])
    #expect(held.precision == "fp32")
    #expect(held.weights == fp32.weights, "held to AVX2, bf16 training is fp32 training exactly")
    #expect(held.stderr.components(separatedBy: note).count == 2, "said once: \(held.stderr)")
    let free = try train("bf16", ["--precision", "bf16"])
    let native = !free.stderr.contains("which has no native bf16")
    #expect(free.precision == (native ? "bf16" : "fp32"))
    if native { #expect(free.weights != fp32.weights, "bf16 rounding moves the weights") }
  }
}
