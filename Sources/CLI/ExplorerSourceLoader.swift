import Foundation
import PepnetData
import PepnetExplorer
import PepnetInference
import PepnetModel
import PepnetNumerics

/// Opens a model bundle as the explorer's data source. Loading (and so every bundle error)
/// happens here, before the explorer takes over the screen.
func loadExplorerSource(bundlePath: String) throws -> ExplorerDataSource {
  // Ranking splits the catalog across two threads itself; GEMMs stay single-threaded.
  BLASThreads.set(1)
  return try BundleExplorerSource(bundle: ModelBundle.load(from: bundlePath), path: bundlePath)
}

/// The explorer's view of a trained bundle, through the same inference code as `pepnet rank` and
/// `pepnet gates`. The model's buffers are not reentrant, so calls are serialised by a lock (the
/// explorer calls from one worker thread anyway).
final class BundleExplorerSource: ExplorerDataSource, @unchecked Sendable {
  let title: String
  let users: [ExplorerUser]
  let items: [ExplorerItem]
  let domains: [String]
  let tasks: [String]
  let architecture: ExplorerArchitecture
  let defaultWeights: [Float]
  private let ranker: CatalogRanker
  private let inspector: GateInspector
  private let lock = NSLock()
  private var averages: [Int: [Float]] = [:]

  init(bundle: ModelBundle, path: String) {
    let pipeline = bundle.pipeline
    let config = bundle.manifest.model
    let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    title =
      "\(name) · \(config.architecture.rawValue) · \(config.fields.count) fields · dim \(config.embeddingDim)"
    users = (0..<pipeline.users.count).map { u in
      ExplorerUser(
        id: pipeline.users.ids[u],
        features: pipeline.users.profile(u).map { ProfileField(name: $0.name, value: $0.value) })
    }
    items = (0..<pipeline.items.count).map { i in
      ExplorerItem(
        id: pipeline.items.ids[i], title: pipeline.items.titles[i],
        features: [ProfileField(name: "author", value: pipeline.items.authors[i])]
          + pipeline.items.attributes(i).map { ProfileField(name: $0.name, value: $0.value) })
    }
    domains = bundle.manifest.domains
    tasks = bundle.manifest.tasks
    architecture = ExplorerArchitecture(
      name: config.architecture.rawValue, hasEPNet: config.architecture.hasEPNet,
      hasPPNet: config.architecture.hasPPNet, summary: config.architecture.summary)
    defaultWeights = bundle.manifest.defaultWeights
    ranker = CatalogRanker(bundle: bundle)
    inspector = GateInspector(bundle: bundle)
  }

  func scores(user: Int, domain: Int) -> [[Float]] {
    lock.lock()
    defer { lock.unlock() }
    return ranker.scores(user: user, domain: domain)
  }

  func gates(user: Int, item: Int, domain: Int) -> GateReadout {
    lock.lock()
    defer { lock.unlock() }
    guard let g = inspector.gates(user: user, item: item, domain: domain) else {
      return GateReadout(epnet: [], ppnet: [], gamma: 2)
    }
    return GateReadout(
      epnet: g.epnet.map { FieldGateReadout(field: $0.field, values: $0.values) }, ppnet: g.ppnet,
      gamma: g.gamma)
  }

  func averageEPNetGates(domain: Int) -> [Float] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = averages[domain] { return cached }
    let value = inspector.averageEPNetGates(domain: domain)
    averages[domain] = value
    return value
  }
}
