import Foundation
import PepnetTestSupport
import Testing

/// bf16 results of the shipped sample bundle and of a small bf16 training run, bit for bit as the
/// code before issue 15's one oneDNN set-up (`OneDNNMatmul`) and one pass slot (`ThreadPassSlot`)
/// gave them (main at 8f5df81, debug and release alike), so that a refactoring of the bf16 path
/// shows up as a change of numbers. oneDNN is held to AVX512-BF16 (`ONEDNN_MAX_CPU_ISA`), whose
/// kernels recorded them; where it has no native bf16 the commands run fp32 and there is nothing
/// to compare.
@Suite(.serialized) struct BF16FingerprintTests {
  static let environment = ["ONEDNN_MAX_CPU_ISA": "AVX512_CORE_BF16"]

  /// `rank --precision bf16 --candidates all --top 8` for u0 in double_column: item and every
  /// task's probability, as the JSON spells them.
  static let ranked = [
    "i430 comment=0.004794366 follow=0.00062868424 forward=0.0055794334 hate=0.0048031793 like=0.014584607 long_view=0.43036273",
    "i390 comment=0.0022502686 follow=0.0006290678 forward=0.0047655148 hate=0.00416397 like=0.019402308 long_view=0.41283137",
    "i1261 comment=0.0048132166 follow=0.00038021064 forward=0.0066709183 hate=0.003239524 like=0.027984262 long_view=0.3979078",
    "i1319 comment=0.0068226364 follow=0.00045041047 forward=0.0049320166 hate=0.0018818572 like=0.02655333 long_view=0.39628947",
    "i1610 comment=0.008135099 follow=0.0009297569 forward=0.004233444 hate=0.003169715 like=0.020654239 long_view=0.39852217",
    "i1949 comment=0.004611034 follow=0.00041455455 forward=0.0067998045 hate=0.0039373985 like=0.021253204 long_view=0.39654353",
    "i3028 comment=0.004586852 follow=0.00040894793 forward=0.0052328142 hate=0.0038080434 like=0.015404888 long_view=0.4029681",
    "i839 comment=0.0037137785 follow=0.00097513816 forward=0.005016554 hate=0.004228396 like=0.020456139 long_view=0.39721954",
  ]

  /// FNV-1a (64 bits) of `weights.safetensors` after one bf16 epoch of `train` below.
  static let trainedWeights: UInt64 = 0x5a2e_80b3_bee2_095f

  static func fnv1a(_ data: Data) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }

  @Test func bf16ScoringOfTheSampleBundleIsUnchanged() throws {
    let run = try PepnetProcess.run(
      [
        "rank", "--model", PepnetBinary.root.appendingPathComponent("sample-data/model").path, "--user", "u0",
        "--domain", "double_column", "--top", "8", "--json", "--precision", "bf16", "--candidates", "all",
      ], environment: Self.environment)
    try #require(run.exitStatus == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let items = try #require(json["items"] as? [[String: Any]])
    let lines = items.map { entry in
      let scores = (entry["scores"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
      return ([entry["item"] as? String ?? ""] + scores.map { "\($0.key)=\(($0.value as? Double) ?? .nan)" })
        .joined(separator: " ")
    }
    // Without native bf16 the ranking is fp32's: nothing recorded to compare with.
    guard try Self.hasNativeBF16() else { return }
    #expect(lines == Self.ranked, "\(lines.joined(separator: "\n"))")
  }

  @Test func bf16TrainingGivesTheSameWeights() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-bf16-fingerprint-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let generate = try PepnetProcess.run([
      "generate", "--out", scratch + "/data", "--seed", "5", "--users", "20", "--items", "30", "--authors",
      "6",
      "--impressions", "1200",
    ])
    try #require(generate.exitStatus == 0, "\(generate.stderr)")
    let train = try PepnetProcess.run(
      [
        "train", "--data", scratch + "/data", "--out", scratch + "/m", "--epochs", "1", "--threads", "2",
        "--batch-size", "64", "--emb-dim", "4", "--tower", "8", "--gate-hidden", "4", "--no-checkpoint",
        "--precision", "bf16",
      ], environment: Self.environment)
    try #require(train.exitStatus == 0, "\(train.stderr)")
    if train.stderr.contains("training in fp32") { return }
    let weights = try Data(contentsOf: URL(fileURLWithPath: scratch + "/m/weights.safetensors"))
    #expect(Self.fnv1a(weights) == Self.trainedWeights)
  }

  /// Whether oneDNN, held as `environment` holds it, runs bf16 here (`bench score`'s precision).
  static func hasNativeBF16() throws -> Bool {
    let run = try PepnetProcess.run(
      [
        "bench", "score", "--candidates", "16", "--chunk", "16", "--calls", "1", "--warmup", "0",
        "--precision", "bf16",
      ],
      environment: environment)
    let line = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
    let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return json?["precision"] as? String == "bf16"
  }
}
