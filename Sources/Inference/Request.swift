import PepnetData
import PepnetText

/// Resolves the names of a ranking or gate request against a bundle, with "closest names"
/// errors for unknown ones.
public struct RequestResolver {
  public let bundle: ModelBundle

  public init(bundle: ModelBundle) { self.bundle = bundle }

  public func user(_ id: String) throws -> Int {
    guard let u = bundle.pipeline.users.index(of: id) else {
      throw RequestError(NameResolver.unknown("user", id, among: bundle.pipeline.users.ids))
    }
    return u
  }

  public func item(_ id: String) throws -> Int {
    guard let i = bundle.pipeline.items.index(of: id) else {
      throw RequestError(NameResolver.unknown("item", id, among: bundle.pipeline.items.ids))
    }
    return i
  }

  public func domain(_ name: String) throws -> Int {
    guard let d = bundle.manifest.domains.firstIndex(of: name) else {
      throw RequestError(NameResolver.unknown("domain", name, among: bundle.manifest.domains))
    }
    return d
  }

  public func task(_ name: String) throws -> Int {
    guard let t = bundle.manifest.tasks.firstIndex(of: name) else {
      throw RequestError(NameResolver.unknown("task", name, among: bundle.manifest.tasks))
    }
    return t
  }

  /// One weight per task of the bundle from parsed `--weights` (unnamed tasks get 0).
  public func weights(_ blend: BlendWeights) throws -> [Float] {
    try blend.weights(for: bundle.manifest.tasks)
  }
}

/// A request naming something the bundle does not have: one line, closest valid names included.
public struct RequestError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
