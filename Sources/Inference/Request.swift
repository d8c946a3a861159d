import PepnetData

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

  /// Task weights from "like=1,follow=2" (unnamed tasks get 0).
  public func weights(_ text: String) throws -> [Float] {
    var weights = [Float](repeating: 0, count: bundle.manifest.tasks.count)
    for part in text.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2, let value = Float(pair[1]), value.isFinite else {
        throw RequestError(
          "--weights wants TASK=NUMBER pairs separated by commas, e.g. like=1,follow=2; got '\(part)'")
      }
      weights[try task(pair[0])] = value
    }
    return weights
  }
}

/// A request naming something the bundle does not have: one line, closest valid names included.
public struct RequestError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
