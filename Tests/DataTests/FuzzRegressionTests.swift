import Foundation
import PepnetModel
import Testing

@testable import PepnetData

/// Inputs that crashed a parser (found while writing and running the libFuzzer harness,
/// `Sources/Fuzz`): each must now fail with a one-line error.
@Suite struct FuzzRegressionTests {
  /// The fixture's pipeline as a JSON object, edited by `edit`, decoded again.
  func decodeEdited(_ edit: (inout [String: Any]) -> Void) throws -> String? {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(pipeline)) as! [String: Any]
    edit(&object)
    do {
      _ = try JSONDecoder().decode(FeaturePipeline.self, from: JSONSerialization.data(withJSONObject: object))
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// Applies `edit` to `statistics` (and to one of its tables when `table` is given).
  func editStatistics(_ table: String? = nil, _ edit: @escaping (inout [String: Any]) -> Void)
    -> (inout [String: Any]) -> Void
  {
    { object in
      var statistics = object["statistics"] as! [String: Any]
      if let table {
        var t = statistics[table] as! [String: Any]
        edit(&t)
        statistics[table] = t
      } else {
        edit(&statistics)
      }
      object["statistics"] = statistics
    }
  }

  @Test func unchangedPipelineDecodes() throws {
    #expect(try decodeEdited { _ in } == nil)
  }

  /// Crashed serving (index out of range in `smoothedRate`).
  @Test func priorsShorterThanDomainsTimesTasks() throws {
    let error = try decodeEdited(
      editStatistics { s in s["priors"] = (s["priors"] as! [Any]).dropLast().map { $0 } })
    #expect(error?.contains("statistics parts do not match") == true)
  }

  /// A table covering fewer domains than the statistics (sizes consistent within the table)
  /// crashed serving: rows were indexed with the statistics' domain count.
  @Test func tableDomainCountDiffersFromStatistics() throws {
    let error = try decodeEdited(
      editStatistics("users") { t in
        let keys = (t["keys"] as! [Any]).count
        t["domain_count"] = 1
        t["impressions"] = Array(repeating: 1, count: keys)
        t["positives"] = Array(repeating: 0, count: keys * (t["task_count"] as! Int))
      })
    #expect(error?.contains("statistics parts do not match") == true)
  }

  /// More statistics tasks than the tables hold crashed serving (positives read past the end).
  @Test func moreStatisticsTasksThanTheTablesHold() throws {
    let error = try decodeEdited(
      editStatistics { s in
        s["tasks"] = (s["tasks"] as! [Any]) + ["like"]
        s["taskIndices"] = (s["taskIndices"] as! [Any]) + [1]
      })
    #expect(error?.contains("statistics parts do not match") == true)
  }

  /// `keys.count * domain_count` overflowed (a trap) while checking a table's sizes.
  @Test func hugeTableCountsAreRejectedWithoutOverflow() throws {
    for (key, value) in [("domain_count", 1 << 62), ("task_count", 1 << 61), ("domain_count", -1)] {
      let error = try decodeEdited(editStatistics("items") { t in t[key] = value })
      #expect(error?.contains("statistics table sizes do not match") == true, "\(key) = \(value)")
    }
  }

  /// A small read buffer (records straddling refills and buffer growth) gives the same records as
  /// one large buffer (the fuzz harness checks this on every input).
  @Test func bufferSizeDoesNotChangeRecords() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write(
      "f.csv", "a,b\r\n\"x\ny\",\"q\"\"\"\n\n1,\"" + String(repeating: "z", count: 300) + "\"\n")
    func records(_ chunk: Int) throws -> [[String]] {
      let reader = try CSVReader(path: path, chunkSize: chunk)
      var out = [reader.header]
      while try reader.next() { out.append((0..<reader.fieldCount).map(reader.string)) }
      return out
    }
    #expect(try records(64) == records(1 << 22))
    #expect(try records(64).count == 3)
  }

  /// The `whole-bundle` fuzz corpus (`Fuzz/corpus/whole-bundle`, issue 11's inconsistent bundles,
  /// each of which crashed, hung or answered wrongly in a release build) is refused at load with
  /// one line naming a bundle file, and its valid seed loads: so the seeds stay what they claim.
  @Test func wholeBundleSeedsAreRefusedExceptTheValidOne() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fuzz/corpus/whole-bundle").standardizedFileURL.path
    let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
    #expect(seeds.count >= 12)
    let separator = Array("\n--pepnet-bundle-file--\n".utf8)
    for seed in seeds {
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + seed)))
      var parts: [[UInt8]] = [[]]
      var i = 0
      while i < bytes.count {
        if bytes[i...].starts(with: separator) {
          parts.append([])
          i += separator.count
        } else {
          parts[parts.count - 1].append(bytes[i])
          i += 1
        }
      }
      try #require(parts.count == 3, "\(seed): three files")
      let dir = TempDir()
      defer { dir.remove() }
      let names = [BundleManifest.fileName, ModelBundle.pipelineFile, ModelBundle.weightsFile]
      for (name, part) in zip(names, parts) { try Data(part).write(to: URL(fileURLWithPath: dir.path(name))) }
      do {
        _ = try ModelBundle.load(from: dir.url.path)
        #expect(seed == "valid", "\(seed) loaded")
      } catch {
        let line = "\(error)"
        #expect(seed != "valid", "\(line)")
        #expect(
          names.contains { line.hasPrefix(dir.path($0) + ": ") } && !line.contains("\n"), "\(seed): \(line)")
      }
    }
  }
}
