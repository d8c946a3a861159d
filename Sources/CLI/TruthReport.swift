import Foundation
import PepnetData
import PepnetInference

/// `pepnet inspect --data`'s comparison of the gates with a generated dataset's `truth.json`
/// (issue 16, `TruthRecovery`), or the one line that says why there is none. A dataset without
/// the file is not an error (a real log has no truth); a broken file is.
struct TruthReport {
  var recovery: TruthRecovery?
  /// Why there is no recovery (nil when there is one).
  var note: String?
  var source: String = ""

  /// The truth of `--data` (nil with the note when there is none), read before any gate is
  /// computed so that a broken file fails at once.
  static func load(data: String?) throws -> (truth: GroundTruth?, source: String, note: String?) {
    guard let data else {
      return (nil, "", "no truth to compare with (give --data with a generated dataset)")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw CommandError("\(data): no such dataset folder")
    }
    let directory = URL(fileURLWithPath: data)
    guard let truth = try GroundTruth.load(datasetDirectory: directory) else {
      return (
        nil, "",
        "\(data) has no \(GroundTruth.fileName) (not generated, or generated before truth files existed)"
      )
    }
    // The path as the user gave it, not resolved against the working directory.
    return (truth, (data.hasSuffix("/") ? data : data + "/") + GroundTruth.fileName, nil)
  }

  init(
    bundle: ModelBundle, population: PopulationGates,
    loaded: (truth: GroundTruth?, source: String, note: String?)
  ) {
    note = loaded.note
    source = loaded.source
    if let truth = loaded.truth {
      recovery = TruthRecovery.compute(bundle: bundle, population: population, truth: truth)
    }
  }

  /// The text block after the gate tables.
  var lines: [String] {
    guard let recovery else { return ["", "truth recovery: " + (note ?? "")] }
    var lines = ["", "truth recovery against \(source) (Spearman's rank correlation, 1 = perfect)"]
    lines.append(
      "  EPNet  \(Self.text(recovery.epnet)) over \(recovery.epnetPairs) (field, domain) pairs, centred per field"
    )
    if !recovery.ppnet.isEmpty {
      let tasks = recovery.ppnet.map { "\($0.task) \(Self.text($0.r))" }.joined(separator: ", ")
      lines.append(
        "  PPNet  mean \(Self.text(recovery.ppnetMean)) over \(recovery.ppnetUsers) users, |deviation| against"
          + " |effect|: \(tasks)")
    }
    if !recovery.ppnetSigned.isEmpty {
      let tasks = recovery.ppnetSigned.map { "\($0.task) \(Self.text($0.r))" }.joined(separator: ", ")
      lines.append(
        "  PPNet signed (deviation against effect): mean \(Self.text(recovery.ppnetSignedMean)): \(tasks)")
    }
    if !recovery.userLogit.isEmpty {
      let tasks = recovery.userLogit.map { "\($0.task) \(Self.text($0.r))" }.joined(separator: ", ")
      lines.append(
        "  the users' own mean logit against the same deviations (any path, not only gates): \(tasks)")
    }
    return lines
  }

  static func text(_ r: Double?) -> String { r.map { String(format: "%.2f", $0) } ?? "n/a" }

  /// `"truth_recovery": {"epnet": r, "ppnet": {"<task>": r, ...}, ...}` (docs/cli.md); a
  /// correlation that does not exist (no variation) is null. `ppnet` is by magnitude,
  /// `ppnet_signed` the signed diagnostic.
  struct JSON: Encodable {
    var epnet: Double?
    var ppnet: [String: Double?]
    var ppnetMean: Double?
    var ppnetSigned: [String: Double?]
    var ppnetSignedMean: Double?
    var userLogit: [String: Double?]
    var epnetPairs: Int
    var ppnetUsers: Int

    init(_ r: TruthRecovery) {
      epnet = r.epnet
      ppnet = Dictionary(uniqueKeysWithValues: r.ppnet.map { ($0.task, $0.r) })
      ppnetMean = r.ppnetMean
      ppnetSigned = Dictionary(uniqueKeysWithValues: r.ppnetSigned.map { ($0.task, $0.r) })
      ppnetSignedMean = r.ppnetSignedMean
      userLogit = Dictionary(uniqueKeysWithValues: r.userLogit.map { ($0.task, $0.r) })
      epnetPairs = r.epnetPairs
      ppnetUsers = r.ppnetUsers
    }

    enum CodingKeys: String, CodingKey {
      case epnet, ppnet, ppnetMean = "ppnet_mean", userLogit = "user_logit", epnetPairs = "epnet_pairs"
      case ppnetUsers = "ppnet_users", ppnetSigned = "ppnet_signed", ppnetSignedMean = "ppnet_signed_mean"
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(epnet, forKey: .epnet)
      var tasks = c.nestedContainer(keyedBy: TaskKey.self, forKey: .ppnet)
      for (task, r) in ppnet { try tasks.encode(r, forKey: TaskKey(stringValue: task)) }
      var signed = c.nestedContainer(keyedBy: TaskKey.self, forKey: .ppnetSigned)
      for (task, r) in ppnetSigned { try signed.encode(r, forKey: TaskKey(stringValue: task)) }
      var logits = c.nestedContainer(keyedBy: TaskKey.self, forKey: .userLogit)
      for (task, r) in userLogit { try logits.encode(r, forKey: TaskKey(stringValue: task)) }
      try c.encode(ppnetMean, forKey: .ppnetMean)
      try c.encode(ppnetSignedMean, forKey: .ppnetSignedMean)
      try c.encode(epnetPairs, forKey: .epnetPairs)
      try c.encode(ppnetUsers, forKey: .ppnetUsers)
    }

    struct TaskKey: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
  }
}
