import PepnetText

/// One explorer frame as plain text, computed synchronously: for `pepnet explore --snapshot`, tests and docs.
public enum ExplorerSnapshot {
  /// What to show; nil fields keep the defaults (first user, first domain, top item).
  public struct Options: Sendable {
    public var user: String?
    public var domain: String?
    public var item: String?
    public var size: GridSize
    public var glyphs: Glyphs
    /// The view to show (`--view`).
    public var view: ExplorerViewName = .main
    /// The effect view's average gates (`--average`).
    public var average: ExplorerAverageGates = .epnet
    public init(
      user: String? = nil, domain: String? = nil, item: String? = nil,
      size: GridSize = GridSize(width: 120, height: 40), glyphs: Glyphs = .unicode
    ) {
      self.user = user
      self.domain = domain
      self.item = item
      self.size = size
      self.glyphs = glyphs
    }
  }

  /// A name the snapshot options referred to that the model does not have.
  public struct UnknownName: Error, CustomStringConvertible {
    public var kind: String
    public var name: String
    /// Every valid name of the kind: the message names the closest of them, as `pepnet rank` does.
    public var candidates: [String]
    public var description: String { NameResolver.unknown(kind, name, among: candidates) }
  }

  /// The fully computed state for the options (scores and gates loaded, transitions finished).
  public static func state(source: ExplorerDataSource, options: Options) throws -> ExplorerState {
    let catalog = ExplorerCatalog(source: source)
    var actions: [Action] = []
    if let id = options.user {
      guard let u = catalog.users.firstIndex(where: { $0.id == id }) else {
        throw UnknownName(kind: "user", name: id, candidates: catalog.users.map(\.id))
      }
      actions.append(.selectUser(u))
    }
    if let name = options.domain {
      guard let d = catalog.domains.firstIndex(of: name) else {
        throw UnknownName(kind: "domain", name: name, candidates: catalog.domains)
      }
      actions.append(.command(.domain(d)))
    }
    var item: Int?
    if let id = options.item {
      guard let i = catalog.items.firstIndex(where: { $0.id == id }) else {
        throw UnknownName(kind: "item", name: id, candidates: catalog.items.map(\.id))
      }
      item = i
    }
    var (state, effects) = Explorer.start(catalog: catalog, size: options.size)
    state.glyphs = options.glyphs
    state = EffectPerformer.settle(
      state, effects.map { EffectPerformer.perform($0, source: source) } + actions, source: source)
    if let item { state = EffectPerformer.settle(state, [.highlightItem(item)], source: source) }
    state.average = options.average
    if options.view != .main {
      state = EffectPerformer.settle(state, [.command(.showView(options.view))], source: source)
    }
    return EffectPerformer.settle(state, [.tick(state.now + 10)], source: source)
  }

  /// The frame as text, one line per row, trailing spaces trimmed.
  public static func render(source: ExplorerDataSource, options: Options) throws -> String {
    Explorer.view(try state(source: source, options: options)).text
  }
}
