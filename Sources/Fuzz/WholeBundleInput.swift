import Foundation
import PepnetData

/// The input of the `whole-bundle` fuzz target: `config.json`, `pipeline.json` and
/// `weights.safetensors`, in that order, each but the last followed by `separator`. A plain
/// separator (rather than length prefixes) keeps the JSON texts intact for libFuzzer's mutations
/// and dictionary.
enum WholeBundleInput {
  static let separator = Array("\n--pepnet-bundle-file--\n".utf8)

  static func join(_ files: [Data]) -> Data {
    var bytes: [UInt8] = []
    for (k, file) in files.enumerated() {
      if k > 0 { bytes += separator }
      bytes += file
    }
    return Data(bytes)
  }

  /// The three files, or nil unless the input holds exactly two separators.
  static func split(_ bytes: [UInt8]) -> [Data]? {
    var parts: [Data] = []
    var start = 0
    var i = 0
    while i + separator.count <= bytes.count {
      if bytes[i] == separator[0] && bytes[i..<(i + separator.count)].elementsEqual(separator) {
        parts.append(Data(bytes[start..<i]))
        i += separator.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(Data(bytes[start...]))
    return parts.count == 3 ? parts : nil
  }
}

/// The bundles of issue 11 that crashed, hung or answered wrongly in a release build, made from the
/// fuzz workspace's bundle: the seeds of the `whole-bundle` corpus, so that fuzzing starts at them.
enum BundleReproductions {
  typealias JSONObject = [String: Any]

  /// (seed name, config.json, pipeline.json, weights) for each reproduction.
  static func all(_ ws: FuzzWorkspace) throws -> [(name: String, files: [Data])] {
    let weights = ws.original(bundleFile: ModelBundle.weightsFile)
    func object(_ name: String) throws -> JSONObject {
      try JSONSerialization.jsonObject(with: ws.original(bundleFile: name)) as! JSONObject
    }
    func data(_ object: JSONObject) throws -> Data {
      try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
    let config = try object(BundleManifest.fileName)
    let pipeline = try object(ModelBundle.pipelineFile)
    func make(
      _ name: String, config edit: (inout JSONObject) -> Void = { _ in },
      pipeline editPipeline: (inout JSONObject) -> Void = { _ in }
    ) throws -> (name: String, files: [Data]) {
      var c = config
      var p = pipeline
      edit(&c)
      editPipeline(&p)
      return (name, [try data(c), try data(p), weights])
    }
    func model(_ edit: @escaping (inout JSONObject) -> Void) -> (inout JSONObject) -> Void {
      { c in
        var m = c["model"] as! JSONObject
        edit(&m)
        c["model"] = m
      }
    }
    let domains = config["domains"] as! [String]
    let tasks = config["tasks"] as! [String]
    return [
      try make("valid"),
      // 6: extra domain names (200k in the issue; 1,000 keep the seed small), reversed domains,
      // and reversed in both files, so that only the statistics and the vocabulary disagree.
      try make("domains-extra", config: { $0["domains"] = domains + (0..<1000).map { "x\($0)" } }),
      try make("domains-reversed", config: { $0["domains"] = Array(domains.reversed()) }),
      try make(
        "domains-reversed-in-both", config: { $0["domains"] = Array(domains.reversed()) },
        pipeline: { p in
          var schema = p["schema"] as! JSONObject
          schema["domains"] = Array(domains.reversed())
          p["schema"] = schema
        }),
      // 7: tasks cut to 2, seven tasks, none, one task six times.
      try make("tasks-two", config: { $0["tasks"] = Array(tasks.prefix(2)) }),
      try make("tasks-seven", config: { $0["tasks"] = tasks + ["extra"] }),
      try make("tasks-none", config: { $0["tasks"] = [String]() }),
      try make("tasks-repeated", config: { $0["tasks"] = Array(repeating: tasks[1], count: tasks.count) }),
      try make(
        "tasks-two-in-config-and-model",
        config: { c in
          c["tasks"] = Array(tasks.prefix(2))
          model { $0["tasks"] = Array(tasks.prefix(2)) }(&c)
        }),
      // 8: an empty user catalogue.
      try make(
        "users-empty",
        pipeline: { p in
          var users = p["users"] as! JSONObject
          users["ids"] = [String]()
          users["features"] = (users["features"] as! [[String]]).map { _ in [String]() }
          p["users"] = users
        }),
      // 9: gate networks too large to allocate, and gamma at Float's limit.
      try make(
        "gates-huge",
        config: model { m in
          m["tower"] = [65536]
          m["ppnetGateHidden"] = 65536
          m["epnetGateHidden"] = 65536
        }),
      try make("gamma-huge", config: model { $0["gamma"] = 3.4e38 }),
    ]
  }
}
