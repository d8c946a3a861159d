import PepnetText

extension ExplorerSnapshot {
  /// `--view compare`: the selection of `options` pinned, then the explorer moved to `versusUser`
  /// (default: the same user) in `versusDomain` (default: the next domain), keeping the
  /// highlighted item (`i`). Everything computed, as `state(source:options:)` does.
  public static func compareState(
    source: ExplorerDataSource, options: Options, versusUser: String? = nil, versusDomain: String? = nil
  ) throws -> ExplorerState {
    var s = try state(source: source, options: options)
    let catalog = s.catalog
    // The same item stays highlighted, so the gate panes compare one item's gates.
    var actions: [Action] = [.command(.pin), .command(.keepItem)]
    if let id = versusUser {
      guard let u = catalog.users.firstIndex(where: { $0.id == id }) else {
        throw UnknownName(kind: "user", name: id, candidates: catalog.users.map(\.id))
      }
      actions.append(.selectUser(u))
    }
    if let name = versusDomain {
      guard let d = catalog.domains.firstIndex(of: name) else {
        throw UnknownName(kind: "domain", name: name, candidates: catalog.domains)
      }
      actions.append(.command(.domain(d)))
    } else {
      actions.append(.command(.nextDomain))
    }
    s = EffectPerformer.settle(s, actions, source: source)
    return EffectPerformer.settle(s, [.tick(s.now + 10)], source: source)
  }

  /// `--view whatif`: the selection of `options` with `edits` (`name=value`, names and values of
  /// the model's editable features) applied, the editor open on the first edited feature.
  /// Without edits, one: the first editable profile feature set to the value after the user's own.
  public static func whatIfState(source: ExplorerDataSource, options: Options, edits: [String] = []) throws
    -> ExplorerState
  {
    var s = try state(source: source, options: options)
    let features = s.catalog.editableFeatures
    guard !features.isEmpty else { throw NoWhatIf() }
    var parsed: [ProfileField] = []
    for text in edits {
      guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { throw MalformedEdit(text: text) }
      let name = String(text[..<eq])
      let value = String(text[text.index(after: eq)...])
      guard let feature = features.first(where: { $0.name == name }) else {
        throw UnknownName(kind: "profile or context feature", name: name, candidates: features.map(\.name))
      }
      guard feature.values.contains(value) else {
        throw UnknownName(kind: "value of \(name)", name: value, candidates: feature.values)
      }
      parsed.append(ProfileField(name: name, value: value))
    }
    if parsed.isEmpty {
      let feature = features.first { !$0.isContext } ?? features[0]
      let own = Explorer.originalValue(s, feature: feature)
      let next = feature.values[
        ((own.flatMap { feature.values.firstIndex(of: $0) } ?? -1) + 1) % feature.values.count]
      parsed = [ProfileField(name: feature.name, value: next)]
    }
    for edit in parsed { Explorer.setEdit(&s, name: edit.name, value: edit.value) }
    s.whatIfOpen = true
    s.whatIfCursor = features.firstIndex { $0.name == parsed[0].name } ?? 0
    s = EffectPerformer.settle(s, [.tick(s.now)], source: source)
    return EffectPerformer.settle(s, [.tick(s.now + 10)], source: source)
  }

  /// A `--edit` that is not `name=value`.
  public struct MalformedEdit: Error, CustomStringConvertible {
    public var text: String
    public init(text: String) { self.text = text }
    public var description: String {
      "--edit must look like name=value (e.g. age=50+), got '\(NameResolver.echo(text))'"
    }
  }

  /// A model without editable features (its data source offers none).
  public struct NoWhatIf: Error, CustomStringConvertible {
    public var description: String { "this model has no profile or context features to edit" }
  }
}
