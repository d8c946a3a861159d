import Foundation
import PepnetTestSupport
import Testing

/// `--precision` through the real binary: bf16 falls back to fp32 (no crash, fp32 results) when
/// oneDNN is held to AVX2 by `ONEDNN_MAX_CPU_ISA`, `auto` on `rank` is fp32 to the last digit, and
/// bf16 ranks and gates stay close to fp32 where the CPU has bf16.
@Suite struct PrecisionCommandTests {
  static let sample = PepnetProcess.root.appendingPathComponent("sample-data/model").path
  static let benchScore = [
    "bench", "score", "--candidates", "128", "--chunk", "128", "--calls", "1", "--warmup", "0",
  ]

  /// The JSON line `bench score` prints after its summary line.
  func benchResult(_ extra: [String], environment: [String: String] = [:]) throws -> [String: Any] {
    let run = try PepnetProcess.run(Self.benchScore + extra, environment: environment)
    #expect(run.exitStatus == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty, "nothing on stderr: \(run.stderr)")
    let line = try #require(run.stdout.split(separator: "\n").last)
    return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test func bf16FallsBackToFP32WhenOneDNNIsHeldToAVX2() throws {
    let held = try benchResult(["--precision", "bf16"], environment: ["ONEDNN_MAX_CPU_ISA": "AVX2"])
    #expect(held["onednn_isa"] as? String == "avx2")
    #expect(held["precision"] as? String == "fp32")
    let free = try benchResult(["--precision", "bf16"])
    let isa = try #require(free["onednn_isa"] as? String)
    let native = ["avx512_core_bf16", "avx512_core_amx"].contains(isa)
    #expect(free["precision"] as? String == (native ? "bf16" : "fp32"), "on \(isa)")
    #expect(try benchResult(["--precision", "fp32"])["precision"] as? String == "fp32")
  }

  func rank(_ extra: [String], environment: [String: String] = [:]) throws -> [[String: Any]] {
    let run = try PepnetProcess.run(
      ["rank", "--model", Self.sample, "--user", "u3", "--domain", "featured", "--top", "20", "--json"]
        + extra,
      environment: environment)
    #expect(run.exitStatus == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    return try #require(json["items"] as? [[String: Any]])
  }

  @Test func rankIsFP32ByDefaultAndBF16StaysClose() throws {
    let byDefault = try rank([])
    let fp32 = try rank(["--precision", "fp32"])
    let auto = try rank(["--precision", "auto"])
    let scores = { (items: [[String: Any]]) in
      items.map { ($0["item"] as? String ?? "", $0["score"] as? Double ?? -1) }
    }
    #expect(
      scores(byDefault).map(\.0) == scores(fp32).map(\.0)
        && scores(byDefault).map(\.1) == scores(fp32).map(\.1))
    #expect(scores(auto).map(\.1) == scores(fp32).map(\.1))
    // Held to AVX2, bf16 falls back to fp32: exactly the fp32 ranking oneDNN's AVX2 kernels give,
    // and within a few ulps of its AVX-512 kernels' (fp32's sums depend on the ISA's blocking).
    let held = ["ONEDNN_MAX_CPU_ISA": "AVX2"]
    let heldBF16 = try rank(["--precision", "bf16"], environment: held)
    let heldFP32 = try rank(["--precision", "fp32"], environment: held)
    #expect(scores(heldBF16).map(\.1) == scores(heldFP32).map(\.1), "held to AVX2, bf16 is fp32 exactly")
    for (a, b) in zip(scores(heldFP32), scores(fp32)) {
      #expect(abs(a.1 - b.1) < 1e-5, "\(a.0): \(a.1) at AVX2 against \(b.1)")
    }
    let bf16 = scores(try rank(["--precision", "bf16"]))
    let overlap = Set(bf16.map(\.0)).intersection(fp32.map { $0["item"] as? String ?? "" }).count
    #expect(overlap >= 17, "top-20 overlap \(overlap)")
    let fp32ByItem = Dictionary(uniqueKeysWithValues: scores(fp32))
    for (item, score) in bf16 {
      if let reference = fp32ByItem[item] {
        #expect(abs(score - reference) < 0.02, "\(item): \(score) vs \(reference)")
      }
    }
  }

  @Test func gatesRunAtBF16Too() throws {
    let arguments = [
      "gates", "--model", Self.sample, "--user", "u3", "--domain", "featured", "--item", "i7", "--json",
    ]
    let fp32 = try PepnetProcess.run(arguments)
    let bf16 = try PepnetProcess.run(arguments + ["--precision", "bf16"])
    #expect(fp32.exitStatus == 0 && bf16.exitStatus == 0, "\(fp32.stderr)\(bf16.stderr)")
    func epnet(_ run: PepnetProcess) throws -> [String: [Double]] {
      let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      return try #require(json["epnet"] as? [String: [Double]])
    }
    let a = try epnet(fp32)
    let b = try epnet(bf16)
    #expect(a.keys.sorted() == b.keys.sorted() && !a.isEmpty)
    for (field, values) in a {
      let worst = zip(values, b[field] ?? []).map { abs($0 - $1) }.max() ?? .infinity
      #expect(worst < 0.05, "\(field): largest gate difference \(worst)")
    }
  }
}
