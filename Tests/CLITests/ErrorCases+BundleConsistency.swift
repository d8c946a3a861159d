import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 11's cases of docs/errors.md for this area, run by `ErrorCaseTests.failsWithOneLine`:
/// bundles whose files disagree with each other (each crashed, hung or answered wrongly in a
/// release build), numbers of `config.json` out of range, and weights files that are not what
/// pepnet writes.
extension ErrorCases {
  static let bundleConsistency: [ErrorCase] = domainsAndTasks + catalogues + sizes + weightsFiles

  static let gatesU1 = ["gates", "--model", "BUNDLE", "--user", "u1", "--domain", "featured", "--item", "i1"]

  /// Edits the `model` object of a bundle's `config.json`.
  static func editModel(_ s: Scratch, _ change: @escaping (inout [String: Any]) -> Void) throws {
    try s.editJSON("b/config.json") { config in
      var model = config["model"] as! [String: Any]
      change(&model)
      config["model"] = model
    }
  }

  /// Edits one object (`key`) of a bundle's `pipeline.json`.
  static func editPipeline(_ s: Scratch, _ key: String, _ change: @escaping (inout [String: Any]) -> Void)
    throws
  {
    try s.editJSON("b/pipeline.json") { pipeline in
      var part = pipeline[key] as! [String: Any]
      change(&part)
      pipeline[key] = part
    }
  }

  /// Replaces `old` by `new` (same length, so the header length holds) in a weights file's header.
  static func editWeightsHeader(_ s: Scratch, _ old: String, _ new: String) throws {
    try s.editBytes("b/weights.safetensors") { bytes in
      let end = 8 + Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
      let header = String(decoding: bytes[8..<end], as: UTF8.self).replacingOccurrences(of: old, with: new)
      bytes.replaceSubrange(8..<end, with: Array(header.utf8))
    }
  }

  static let domainsAndTasks: [ErrorCase] = [
    // Ranked for a domain that does not exist (5M names: SIGSEGV).
    bundle(
      "rank_config_extra_domains",
      "pepnet: {d}/b/config.json: domains has 200003 names; pipeline.json's schema.domains has 3",
      command: ["rank", "--model", "BUNDLE", "--user", "u1", "--domain", "x1000"]
    ) { s in
      try s.editJSON("b/config.json") {
        $0["domains"] = ($0["domains"] as! [String]) + (0..<200_000).map { "x\($0)" }
      }
    },
    // `featured` served double_column's results.
    bundle(
      "rank_config_domains_reversed",
      "pepnet: {d}/b/config.json: domains[0] is 'featured'; pipeline.json's schema.domains[0] is 'double_column'"
    ) { s in
      try s.editJSON("b/config.json") { $0["domains"] = Array(($0["domains"] as! [String]).reversed()) }
    },
    // Labelled rows with the wrong domain.
    bundle(
      "eval_config_domains_reversed",
      "pepnet: {d}/b/config.json: domains[0] is 'featured'; pipeline.json's schema.domains[0] is 'double_column'",
      command: ["eval", "--model", "BUNDLE", "--data", "DATA"]
    ) { s in
      try s.editJSON("b/config.json") { $0["domains"] = Array(($0["domains"] as! [String]).reversed()) }
    },
    // SIGSEGV.
    bundle(
      "gates_config_two_tasks", "pepnet: {d}/b/config.json: tasks has 2 names; model.tasks has 6",
      command: gatesU1
    ) { s in
      try s.editJSON("b/config.json") { $0["tasks"] = Array(($0["tasks"] as! [String]).prefix(2)) }
    },
    // Spun at 100% CPU forever.
    bundle(
      "explore_snapshot_config_two_tasks",
      "pepnet explore: {d}/b/config.json: tasks has 2 names; model.tasks has 6",
      command: ["explore", "BUNDLE", "--snapshot"]
    ) { s in
      try s.editJSON("b/config.json") { $0["tasks"] = Array(($0["tasks"] as! [String]).prefix(2)) }
    },
    // Read past the end of the scores.
    bundle(
      "rank_config_seven_tasks", "pepnet: {d}/b/config.json: tasks has 7 names; model.tasks has 6",
      command: ["rank", "--model", "BUNDLE", "--user", "u1", "--domain", "featured", "--task", "extra"]
    ) { s in
      try s.editJSON("b/config.json") { $0["tasks"] = ($0["tasks"] as! [String]) + ["extra"] }
    },
    // NaN scores.
    bundle("rank_config_no_tasks", "pepnet: {d}/b/config.json: tasks is empty") { s in
      try s.editJSON("b/config.json") { $0["tasks"] = [String]() }
    },
    // 'Fatal error: Duplicate values for key' and a backtrace.
    bundle("rank_config_task_six_times", "pepnet: {d}/b/config.json: tasks: 'like' appears twice") { s in
      try s.editJSON("b/config.json") { $0["tasks"] = Array(repeating: "like", count: 6) }
    },
    bundle(
      "rank_config_negative_task_twice", "pepnet: {d}/b/config.json: negative_tasks: 'hate' appears twice"
    ) {
      s in
      try s.editJSON("b/config.json") { $0["negative_tasks"] = ["hate", "hate"] }
    },
    bundle(
      "rank_config_negative_task_unknown",
      "pepnet: {d}/b/config.json: negative_tasks names 'dislike', which is not one of tasks"
    ) { s in
      try s.editJSON("b/config.json") { $0["negative_tasks"] = ["dislike"] }
    },
    bundle(
      "rank_config_model_task_renamed",
      "pepnet: {d}/b/config.json: tasks[5] is 'hate'; model.tasks[5] is 'dislike'"
    ) { s in
      try editModel(s) { $0["tasks"] = Array(($0["tasks"] as! [String]).dropLast()) + ["dislike"] }
    },
    bundle(
      "rank_pipeline_schema_task_renamed",
      "pepnet: {d}/b/config.json: tasks[5] is 'hate'; pipeline.json's schema.impressions.tasks[5] is 'dislike'"
    ) { s in
      try editPipeline(s, "schema") { schema in
        var impressions = schema["impressions"] as! [String: Any]
        impressions["tasks"] = Array((impressions["tasks"] as! [String]).dropLast()) + ["dislike"]
        schema["impressions"] = impressions
      }
    },
    bundle(
      "rank_pipeline_domain_tokens_reversed",
      "pepnet: {d}/b/pipeline.json: domains.tokens[0] is 'featured'; schema.domains[0] is 'double_column'"
    ) { s in
      try editPipeline(s, "domains") { $0["tokens"] = Array(($0["tokens"] as! [String]).reversed()) }
    },
    bundle("rank_config_field_twice", "pepnet: {d}/b/config.json: model.fields: 'user_id' appears twice") {
      s in
      try editModel(s) { model in
        var fields = model["fields"] as! [[String: Any]]
        fields[1]["name"] = "user_id"
        model["fields"] = fields
      }
    },
    bundle(
      "rank_config_vocabulary_differs",
      "pepnet: {d}/b/config.json: model.fields[0] is 'user_id' (general, prior, {n} values); pipeline.json's encoding has 'user_id' (general, prior, {m} values)"
    ) { s in
      try editModel(s) { model in
        var fields = model["fields"] as! [[String: Any]]
        let size = fields[0]["vocabularySize"] as! Int
        s.vars["n"] = "\(size + 1)"
        s.vars["m"] = "\(size)"
        fields[0]["vocabularySize"] = size + 1
        model["fields"] = fields
      }
    },
    bundle(
      "rank_pipeline_statistics_task_index",
      "pepnet: {d}/b/pipeline.json: statistics.taskIndices[0] is 3, not the index of task 'long_view' in schema.impressions.tasks"
    ) { s in
      try editPipeline(s, "statistics") { $0["taskIndices"] = [3] }
    },
    bundle(
      "rank_pipeline_statistics_prior",
      "pepnet: {d}/b/pipeline.json: statistics.priors[0] is 5.0; a rate must be in 0...1"
    ) { s in
      try editPipeline(s, "statistics") {
        $0["priors"] = ([5] as [Any]) + ($0["priors"] as! [Any]).dropFirst()
      }
    },
  ]

  static let catalogues: [ErrorCase] = [
    // The interactive explorer SIGSEGVed at start.
    bundle(
      "explore_pipeline_no_users",
      "pepnet explore: {d}/b/pipeline.json: users.ids is empty: the bundle has no users to rank for",
      command: ["explore", "BUNDLE"]
    ) { s in
      try editPipeline(s, "users") { users in
        users["ids"] = [String]()
        users["features"] = (users["features"] as! [[String]]).map { _ in [String]() }
      }
    },
    bundle(
      "rank_pipeline_no_items",
      "pepnet: {d}/b/pipeline.json: items.ids is empty: the bundle has no items to rank"
    ) { s in
      try editPipeline(s, "items") { items in
        for key in ["ids", "authors", "titles"] { items[key] = [String]() }
        items["features"] = (items["features"] as! [[String]]).map { _ in [String]() }
      }
      // Without items there are no per-domain candidates either (their check would come first).
      try s.editJSON("b/pipeline.json") { pipeline in pipeline["candidates"] = nil }
    },
    bundle("rank_pipeline_user_twice", "pepnet: {d}/b/pipeline.json: users.ids: '{id}' appears twice") { s in
      try editPipeline(s, "users") { users in
        var ids = users["ids"] as! [String]
        ids[1] = ids[0]
        s.vars["id"] = ids[0]
        users["ids"] = ids
      }
    },
  ]

  static let sizes: [ErrorCase] = [
    // 'failed to allocate 103079215104 bytes' and a backtrace.
    c(
      "train_huge_gate_network", 2,
      "pepnet: ppnetGateHidden: the gate network would hold * weights, more than 2147483648 (see 'pepnet help')",
      progress: true
    ) { s in
      [
        "train", "--data", s.fixture.data, "--out", s.path("out"), "--tower", "65536", "--gate-hidden",
        "65536",
        "--emb-dim", "4",
      ]
    },
    bundle(
      "rank_config_huge_gate_network",
      "pepnet: {d}/b/config.json: model.ppnetGateHidden: the gate network would hold 25803358208 weights, more than 2147483648"
    ) { s in
      try editModel(s) { model in
        model["tower"] = [65536]
        model["ppnetGateHidden"] = 65536
      }
    },
    bundle(
      "rank_config_huge_gamma", "pepnet: {d}/b/config.json: model.gamma is 3.4e+38; it must be in (0, 16]"
    ) {
      s in
      try editModel(s) { $0["gamma"] = 3.4e38 }
    },
    bundle(
      "rank_config_beta_out_of_range",
      "pepnet: {d}/b/config.json: training.optimizer.beta1 is 7.0; it must be in 0.0...1.0"
    ) { s in
      try s.editJSON("b/config.json") { config in
        var training = config["training"] as! [String: Any]
        var optimizer = training["optimizer"] as! [String: Any]
        optimizer["beta1"] = 7
        training["optimizer"] = optimizer
        config["training"] = training
      }
    },
    bundle(
      "rank_config_auc_out_of_range",
      "pepnet: {d}/b/config.json: validation.slices[0].auc is 3.0; it must be in 0.0...1.0"
    ) { s in
      try s.editJSON("b/config.json") { config in
        var report = config["validation"] as! [String: Any]
        var slices = report["slices"] as! [[String: Any]]
        slices[0]["auc"] = 3
        report["slices"] = slices
        config["validation"] = report
      }
    },
  ]

  static let weightsFiles: [ErrorCase] = [
    // 'You don't have permission' (as root), or a read that never ends.
    bundle(
      "rank_weights_dev_zero",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: cannot read it (not a regular file (it is a character device))"
    ) { s in
      try s.remove("b/weights.safetensors")
      try FileManager.default.createSymbolicLink(
        atPath: s.path("b/weights.safetensors"), withDestinationPath: "/dev/zero")
    },
    bundle(
      "rank_weights_fifo",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: cannot read it (not a regular file (it is a FIFO))"
    ) { s in
      try s.remove("b/weights.safetensors")
      guard mkfifo(s.path("b/weights.safetensors"), 0o644) == 0 else {
        throw ErrorFixture.Failure(description: "mkfifo")
      }
    },
    bundle(
      "rank_weights_longer_than_header",
      "pepnet: {d}/b/weights.safetensors: invalid safetensors file: 4096 bytes after the last tensor belong to no tensor"
    ) { s in
      try s.editBytes("b/weights.safetensors") { $0 += [UInt8](repeating: 0, count: 4096) }
    },
    bundle(
      "rank_weights_other_format",
      "pepnet: {d}/b/weights.safetensors: __metadata__.format is 'gguf00'; expected 'pepnet'"
    ) { s in
      try editWeightsHeader(s, "\"format\":\"pepnet\"", "\"format\":\"gguf00\"")
    },
    bundle(
      "rank_weights_other_version",
      "pepnet: {d}/b/weights.safetensors: __metadata__.format_version is '2'; expected '1'"
    ) { s in
      try editWeightsHeader(s, "\"format_version\":\"1\"", "\"format_version\":\"2\"")
    },
    bundle(
      "rank_weights_other_architecture",
      "pepnet: {d}/b/weights.safetensors: __metadata__.architecture is 'mmoe00'; expected 'pepnet', the architecture in config.json"
    ) { s in
      try editWeightsHeader(s, "\"architecture\":\"pepnet\"", "\"architecture\":\"mmoe00\"")
    },
  ]
}
