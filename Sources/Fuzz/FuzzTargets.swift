import Foundation
import PepnetData
import PepnetInference
import PepnetModel

/// The parsers under fuzz. Each takes arbitrary bytes, writes them as one file of an otherwise
/// valid setup (`FuzzWorkspace`) and runs the real loading code on it: the parser must succeed or
/// throw. A crash, a trap, a sanitizer report or a hang is a bug; so is a broken property checked
/// after a success (`FuzzFailure`).
enum FuzzTarget: String, CaseIterable {
  /// The first byte picks the file (impressions ingested through a built pipeline, or the train,
  /// users or items file of a pipeline build); the rest is the CSV. Every input is also read
  /// with a small buffer, which must give the same records and error as a large one.
  case csv
  /// `schema.json` of the fixture dataset; when it loads, it must round-trip, and a pipeline is
  /// built and the valid split ingested with it.
  case schema
  /// A safetensors file; when it decodes, re-encoding and decoding again must give the same bytes.
  case safetensors
  /// The first byte picks the bundle file (`config.json`, `pipeline.json`, `weights.safetensors`);
  /// the rest replaces it. When the bundle loads, it must rank the catalog's first items.
  case bundle
  /// All three bundle files at once (`WholeBundleInput`), so that mutations can change a name or
  /// a size in `config.json` and `pipeline.json` together and keep the weights in step: what
  /// `BundleConsistency` must catch. When the bundle loads, it must serve every domain through
  /// the real ranking and gate code with one finite probability per task and item.
  case wholeBundle = "whole-bundle"

  /// The target named by `PEPNET_FUZZ_TARGET`.
  static var fromEnvironment: FuzzTarget? {
    ProcessInfo.processInfo.environment["PEPNET_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))
  }
}

/// A property that a successful parse broke: reported by trapping, so that libFuzzer keeps the input.
func fuzzFailure(_ message: String) -> Never {
  fatalError("pepnet-fuzz: \(message)")
}

/// Runs one input through `target` in `workspace`; true if the parser accepted it.
@discardableResult
func runFuzzInput(_ bytes: [UInt8], target: FuzzTarget, workspace: FuzzWorkspace) -> Bool {
  switch target {
  case .csv: fuzzCSV(bytes, workspace)
  case .schema: fuzzSchema(bytes, workspace)
  case .safetensors: fuzzSafeTensors(bytes)
  case .bundle: fuzzBundle(bytes, workspace)
  case .wholeBundle: fuzzWholeBundle(bytes, workspace)
  }
}

// MARK: CSV

/// All records (or the first error) of a CSV file read with a given buffer size.
private func readAll(_ path: String, chunkSize: Int) -> (records: [[[UInt8]]], error: String?) {
  var records: [[[UInt8]]] = []
  do {
    let reader = try CSVReader(path: path, chunkSize: chunkSize)
    records.append(reader.header.map { Array($0.utf8) })
    while try reader.next() {
      records.append((0..<reader.fieldCount).map { Array(reader.field($0)) })
      _ = reader.location(ofField: reader.fieldCount - 1)
    }
    return (records, nil)
  } catch {
    return (records, "\(error)")
  }
}

private func fuzzCSV(_ bytes: [UInt8], _ ws: FuzzWorkspace) -> Bool {
  guard let selector = bytes.first else { return false }
  let body = Data(bytes.dropFirst())
  let loose = ws.path("loose.csv")
  ws.write(body, to: loose)
  // Header parsing turns fields into Strings (invalid UTF-8 is repaired), so compare bytes of
  // the records and the error text, which both readers build the same way.
  let small = readAll(loose, chunkSize: 64 + Int(selector >> 2))
  let large = readAll(loose, chunkSize: 1 << 22)
  if small.records != large.records || small.error != large.error {
    fuzzFailure(
      "buffer size changes the records: \(small.records.count) vs \(large.records.count) records, "
        + "error \(small.error ?? "none") vs \(large.error ?? "none")")
  }

  if selector % 4 == 0 {
    return (try? EncodedDataset(path: loose, pipeline: ws.pipeline, outOfFold: selector & 4 != 0)) != nil
  }
  let name = ["train.csv", "users.csv", "items.csv"][Int(selector % 4) - 1]
  return ws.replacing(name, in: ws.datasetDirectory, with: body) {
    guard let pipeline = try? FeaturePipeline.build(dataset: ws.dataset) else { return false }
    _ = try? EncodedDataset(dataset: ws.dataset, split: .train, pipeline: pipeline)
    _ = try? EncodedDataset(dataset: ws.dataset, split: .valid, pipeline: pipeline)
    return true
  }
}

// MARK: Schema

private func fuzzSchema(_ bytes: [UInt8], _ ws: FuzzWorkspace) -> Bool {
  ws.replacing("schema.json", in: ws.datasetDirectory, with: Data(bytes)) {
    guard let dataset = try? Dataset(directory: URL(fileURLWithPath: ws.datasetDirectory)) else {
      return false
    }
    let copy = ws.path("schema-copy.json")
    do {
      try dataset.schema.write(to: URL(fileURLWithPath: copy))
      let again = try DatasetSchema.load(from: URL(fileURLWithPath: copy))
      if again != dataset.schema { fuzzFailure("schema changes when written and read back") }
    } catch {
      fuzzFailure("a loaded schema does not load again after writing: \(error)")
    }
    // The schema names the files: keep them inside the dataset folder (a schema may point at any
    // file, /dev/zero included, which is not what is being fuzzed here).
    let names = [
      dataset.schema.users.file, dataset.schema.items.file, dataset.schema.splits.train,
      dataset.schema.splits.valid,
    ]
    guard names.allSatisfy({ !$0.contains("/") && !$0.hasPrefix(".") && !$0.isEmpty }) else { return true }
    guard let pipeline = try? FeaturePipeline.build(dataset: dataset) else { return true }
    _ = try? EncodedDataset(dataset: dataset, split: .valid, pipeline: pipeline)
    return true
  }
}

// MARK: Safetensors

private func fuzzSafeTensors(_ bytes: [UInt8]) -> Bool {
  guard let file = try? SafeTensorsFile(decoding: Data(bytes)) else { return false }
  let encoded = file.encoded()
  do {
    let again = try SafeTensorsFile(decoding: encoded)
    if again.encoded() != encoded { fuzzFailure("safetensors re-encoding is not stable") }
  } catch {
    fuzzFailure("a re-encoded safetensors file does not decode: \(error)")
  }
  return true
}

// MARK: Bundle

private func fuzzBundle(_ bytes: [UInt8], _ ws: FuzzWorkspace) -> Bool {
  guard let selector = bytes.first else { return false }
  let name = FuzzWorkspace.bundleFiles[Int(selector) % FuzzWorkspace.bundleFiles.count]
  return ws.replacing(name, in: ws.bundleDirectory, with: Data(bytes.dropFirst())) {
    guard let bundle = try? ModelBundle.load(from: ws.bundleDirectory) else { return false }
    // Serving: rank the first catalog items for the first user in every domain, and encode a raw
    // request with unknown ids.
    let pipeline = bundle.pipeline
    let items = 0..<min(pipeline.items.count, 4)
    if pipeline.users.count > 0 && !items.isEmpty {
      let batch = Batch(
        capacity: items.count, generalFieldCount: pipeline.generalFieldCount,
        domainSideFieldCount: pipeline.domainSideFieldCount, taskCount: pipeline.taskCount,
        generalIdWidth: pipeline.generalIdWidth)
      for domain in pipeline.domainNames.indices {
        pipeline.fillRanking(batch, user: 0, items: items, domain: domain)
        _ = bundle.model.forward(batch)
      }
    }
    for domain in pipeline.domainNames {
      _ = try? pipeline.encode(user: "nobody", item: "nothing", domain: domain)
    }
    return true
  }
}

// MARK: Whole bundle

private func fuzzWholeBundle(_ bytes: [UInt8], _ ws: FuzzWorkspace) -> Bool {
  guard let files = WholeBundleInput.split(bytes) else { return false }
  return ws.replacing(zip(FuzzWorkspace.bundleFiles, files).map { ($0, $1) }, in: ws.bundleDirectory) {
    guard let bundle = try? ModelBundle.load(from: ws.bundleDirectory) else { return false }
    serveEverything(bundle)
    return true
  }
}

/// Ranks the catalog for the first and last user in every domain and reads the gates of the first
/// and last item, through the code `rank`, `gates` and the explorer use; every answer must have
/// the bundle's shape and every probability be finite.
private func serveEverything(_ bundle: ModelBundle) {
  let pipeline = bundle.pipeline
  let tasks = bundle.manifest.tasks.count
  let ranker = CatalogRanker(bundle: bundle, chunkSize: 4, threads: 1)
  let inspector = GateInspector(bundle: bundle)
  let users = Set([0, pipeline.users.count - 1])
  let items = Set([0, pipeline.items.count - 1])
  for domain in bundle.manifest.domains.indices {
    for user in users {
      let scores = ranker.scores(user: user, domain: domain)
      guard scores.count == tasks, scores.allSatisfy({ $0.count == pipeline.items.count }) else {
        fuzzFailure("scores are \(scores.count) x \(scores.first?.count ?? 0) for \(tasks) tasks")
      }
      // Huge (finite) weights may overflow to a NaN score, which printing reports; never a
      // probability outside 0...1.
      if scores.contains(where: { $0.contains { !$0.isNaN && !(0...1).contains($0) } }) {
        fuzzFailure("a probability outside 0...1 in domain \(domain)")
      }
      for item in items {
        guard let gates = inspector.gates(user: user, item: item, domain: domain) else { continue }
        if gates.ppnet.count != tasks {
          fuzzFailure("PPNet gates for \(gates.ppnet.count) of \(tasks) tasks")
        }
      }
    }
  }
}
