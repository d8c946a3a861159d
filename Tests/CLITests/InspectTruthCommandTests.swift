import Foundation
import Testing

/// `pepnet inspect --data` (issue 16) through the real binary on the tiny fixture: with the
/// generated dataset's truth.json the JSON reports `truth_recovery` with EPNet and every task's
/// PPNet correlation; without `--data`, or with a dataset folder that has no truth, one line says
/// so and the command succeeds. (The numbers are checked in InferenceTests.TruthRecoveryTests.)
@Suite struct InspectTruthCommandTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func recoveryIsReportedWithATruthFile() throws {
    let fixture = try ErrorFixture.shared.get()
    let base = ["inspect", "--model", fixture.model, "--sample", "12", "--seed", "3"]
    let r = try fixture.run(base + ["--data", fixture.data, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r.stdout)
    let recovery = try #require(j["truth_recovery"] as? [String: Any])
    let epnet = try #require(recovery["epnet"] as? Double)
    #expect(epnet >= -1 && epnet <= 1)
    #expect(recovery["epnet_pairs"] as? Int == 21, "7 planted fields in 3 domains")
    let ppnet = try #require(recovery["ppnet"] as? [String: Any])
    #expect(Set(ppnet.keys) == Set(try #require(j["tasks"] as? [String])))
    // By size (the definition) in "ppnet", with the signed correlation as a diagnostic.
    let signed = try #require(recovery["ppnet_signed"] as? [String: Any])
    #expect(Set(signed.keys) == Set(ppnet.keys))
    #expect(recovery.keys.contains("ppnet_signed_mean") && recovery.keys.contains("ppnet_mean"))
    #expect(recovery["ppnet_users"] as? Int == 12)
    #expect(j["truth_recovery_note"] == nil)
    let text = try fixture.run(base + ["--data", fixture.data])
    #expect(text.status == 0)
    #expect(text.stdout.contains("truth recovery against ") && text.stdout.contains("  EPNet  "))
    #expect(text.stdout.contains("|deviation| against |effect|") && text.stdout.contains("  PPNet signed "))
  }

  @Test func noTruthIsOneLineAndNoError() throws {
    let fixture = try ErrorFixture.shared.get()
    let base = ["inspect", "--model", fixture.model, "--sample", "4"]
    let none = try fixture.run(base + ["--json"])
    #expect(none.status == 0, "\(none.stderr)")
    let j = try json(none.stdout)
    #expect(j["truth_recovery"] is NSNull)
    #expect(
      j["truth_recovery_note"] as? String == "no truth to compare with (give --data with a generated dataset)"
    )
    // A dataset folder without truth.json (as one generated before issue 16).
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-truth-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: fixture.data, toPath: folder.path)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.removeItem(at: folder.appendingPathComponent("truth.json"))
    let old = try fixture.run(base + ["--data", folder.path])
    #expect(old.status == 0 && old.stderr.isEmpty, "\(old.stderr)")
    let lines = old.stdout.split(separator: "\n").filter { $0.hasPrefix("truth recovery") }
    #expect(
      lines == [
        "truth recovery: \(folder.path) has no truth.json (not generated, or generated before truth files existed)"
      ])
  }
}
