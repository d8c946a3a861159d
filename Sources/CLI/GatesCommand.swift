import ArgumentParser
import Foundation
import PepnetData
import PepnetInference
import PepnetNumerics

/// `pepnet gates`: EPNet and PPNet gate activations for one (user, item, domain).
struct GatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gates", abstract: "Print the EPNet and PPNet gate activations for a user, item and domain.")

  @OptionGroup var selection: SelectionOptions
  @Option(help: "Item id.") var item: String
  @Option(help: ProfileEditOption.help) var edit: [String] = []
  @Flag(help: "Print JSON.") var json = false
  @Option(help: PrecisionOption.help(autoMeans: "fp32, as rank and the explorer"))
  var precision = RequestedPrecision.auto

  /// EPNet values per field: a number (field-wise) or a list (element-wise).
  enum FieldValue: Encodable {
    case one(Float)
    case many([Float])
    func encode(to encoder: Encoder) throws {
      var c = encoder.singleValueContainer()
      switch self {
      case .one(let v): try c.encode(v)
      case .many(let v): try c.encode(v)
      }
    }
  }

  struct Output: Encodable {
    var user: String
    var item: String
    var domain: String
    /// Whether the model has an embedding of the user's and of the item's id (else: the
    /// out-of-vocabulary one, as `rank --json`'s `user_known` and `known`).
    var userKnown: Bool
    var itemKnown: Bool
    var gamma: Float
    var epnet: [String: FieldValue]
    var ppnet: [String: [[Float]]]
    enum CodingKeys: String, CodingKey {
      case user, item, domain, userKnown = "user_known", itemKnown = "item_known", gamma, epnet, ppnet
    }
  }

  func validate() throws { _ = try ProfileEditOption.pairs(edit) }

  func run() throws {
    let (model, user, domain) = (selection.model, selection.user, selection.domain)
    let bundle = try ModelBundle.load(from: model)
    let resolver = RequestResolver(bundle: bundle)
    let u = try resolver.user(user)
    let i = try resolver.item(item)
    let d = try resolver.domain(domain)
    let overrides = try ProfileEditOption.overrides(edit, bundle: bundle)
    let inspected = PrecisionOption.run(precision.resolved(autoPrefersBF16: false), model: bundle.model) {
      GateInspector(bundle: bundle).gates(user: u, item: i, domain: d, overrides: overrides)
    }
    guard let gates = inspected else {
      throw RequestError("\(model): a \(bundle.manifest.model.architecture.rawValue) model has no gates")
    }
    // A broken model can give NaN or infinite gates: a failure, never an empty JSON with status 0.
    let request = "for user \(user), item \(item) in \(domain)"
    for f in gates.epnet {
      if let bad = f.values.first(where: { !$0.isFinite }) {
        throw CommandError("\(model): EPNet gate of field '\(f.field)' is \(numberText(bad)) \(request)")
      }
    }
    for (t, layers) in gates.ppnet.enumerated() {
      for (l, units) in layers.enumerated() {
        if let bad = units.first(where: { !$0.isFinite }) {
          throw CommandError(
            "\(model): PPNet gate of task '\(bundle.manifest.tasks[t])', layer \(l + 1) is \(numberText(bad)) \(request)"
          )
        }
      }
    }
    let pipeline = bundle.pipeline
    let userKnown = pipeline.userIds.contains(pipeline.users.ids[u])
    let itemKnown = pipeline.itemIds.contains(pipeline.items.ids[i])
    if json {
      var epnet: [String: FieldValue] = [:]
      for f in gates.epnet { epnet[f.field] = f.values.count == 1 ? .one(f.values[0]) : .many(f.values) }
      var ppnet: [String: [[Float]]] = [:]
      for (t, layers) in gates.ppnet.enumerated() { ppnet[bundle.manifest.tasks[t]] = layers }
      try StandardOutput.writeJSON(
        Output(
          user: user, item: item, domain: domain, userKnown: userKnown, itemKnown: itemKnown,
          gamma: gates.gamma,
          epnet: epnet, ppnet: ppnet))
      return
    }
    // Made whole, then written once with control characters escaped (`StandardOutput.writeLines`).
    var lines = ["gates \(request) (0 damps, 1 neutral, \(gates.gamma) amplifies)"]
    if !userKnown { lines.append(RankCommand.unknownIdLine("user", user, bundle: bundle)) }
    if !itemKnown { lines.append(RankCommand.unknownIdLine("item", item, bundle: bundle)) }
    if !gates.epnet.isEmpty {
      lines.append("EPNet (per field: mean [min, max])")
      for f in gates.epnet {
        lines.append("  " + pad(f.field, 14) + String(format: "%.3f  [%.3f, %.3f]", f.mean, f.min, f.max))
      }
    }
    if !gates.ppnet.isEmpty {
      lines.append("PPNet (per task and gated layer: mean [min, max], share < 0.5, share > 1.5)")
      for (t, layers) in gates.ppnet.enumerated() {
        for (l, units) in layers.enumerated() {
          let mean = units.reduce(0, +) / Float(units.count)
          let low = Float(units.filter { $0 < 0.5 }.count) / Float(units.count)
          let high = Float(units.filter { $0 > 1.5 }.count) / Float(units.count)
          lines.append(
            "  " + pad(l == 0 ? bundle.manifest.tasks[t] : "", 12) + pad("L\(l + 1) (\(units.count))", 10)
              + String(
                format: "%.3f  [%.3f, %.3f]  %4.0f%%  %4.0f%%", mean, units.min()!, units.max()!, low * 100,
                high * 100))
        }
      }
    }
    try StandardOutput.writeLines(lines)
  }
}
