import Foundation
import PepnetModel
import Testing

@testable import PepnetData

@Suite struct EncodedDatasetTests {
  @Test func loadsLabelsMasksOracleAndGroups() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(to: dir)
    let p = try FeaturePipeline.build(dataset: dataset)
    let train = try EncodedDataset(dataset: dataset, split: .train, pipeline: p)
    #expect(train.count == 6)
    #expect(Array(train.labels[0..<6]) == [1, 0, 0, 0, 1, 0])
    #expect(train.labelMask[5] == 0)  // empty like cell on row 3
    #expect(train.labelMask.filter { $0 == 0 }.count == 1)
    #expect(train.oracle == nil)
    #expect(train.domains == [0, 0, 1, 0, 1, 0])
    #expect(train.users == [0, 0, 0, 1, 1, 2])  // catalog rows

    let valid = try EncodedDataset(dataset: dataset, split: .valid, pipeline: p)
    #expect(valid.count == 4)
    #expect(valid.oracle == [0.5, 0.25, 0.125, 0.0312, 0.75, 1, 0.9, 0.1])
    #expect(valid.oracleProbability(row: 1, task: 1) == 0.0312)
    #expect(valid.users == [3, 3, 4, 0])  // u9 is not in the catalog: a key past it
    // Every id is inside its field's vocabulary.
    let fields = p.fields
    for ds in [train, valid] {
      for r in 0..<ds.count {
        for f in 0..<p.generalFieldCount {
          #expect(Int(ds.generalIds[r * p.generalFieldCount + f]) < fields[f].vocabularySize)
        }
        for f in 0..<p.domainSideFieldCount {
          #expect(
            Int(ds.domainSideIds[r * p.domainSideFieldCount + f])
              < fields[p.generalFieldCount + f].vocabularySize)
        }
      }
    }
    // Validation rows encode like the serving path.
    let served = try p.encode(user: "u4", item: "i1", domain: "b", context: ["hour": "9"])
    #expect(Array(valid.generalIds[6..<12]) == served.general)
    #expect(Array(valid.domainSideIds[5..<10]) == served.domainSide)
  }

  @Test func fillCopiesRequestedRows() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(to: dir)
    let p = try FeaturePipeline.build(dataset: dataset)
    let ds = try EncodedDataset(dataset: dataset, split: .train, pipeline: p)
    let batch = ds.makeBatch(capacity: 2)
    ds.fill(batch, rows: [4, 2, 0])
    #expect(batch.count == 3)
    let g = ds.generalFieldCount, s = ds.domainSideFieldCount
    for (r, source) in [4, 2, 0].enumerated() {
      #expect(
        Array(batch.generalIds[r * g..<(r + 1) * g]) == Array(ds.generalIds[source * g..<(source + 1) * g]))
      #expect(
        Array(batch.domainSideIds[r * s..<(r + 1) * s])
          == Array(ds.domainSideIds[source * s..<(source + 1) * s]))
      #expect(batch.labels[r, 0] == ds.labels[source * 2] && batch.labels[r, 1] == ds.labels[source * 2 + 1])
      #expect(batch.labelMask[r, 1] == ds.labelMask[source * 2 + 1])
      #expect(batch.domains[r] == ds.domains[source] && batch.users[r] == ds.users[source])
    }
    ds.fill(batch, rows: 1..<2)
    #expect(batch.count == 1)
    #expect(batch.labelMask[0, 0] == 1)
  }

  @Test func badLabelIsLocated() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(
      to: dir, train: "user,item,tab,hour,click,like\nu1,i1,a,1,1,0\nu2,i1,a,1,0,yes\n")
    do {
      _ = try FeaturePipeline.build(dataset: dataset, options: PipelineOptions(statisticsTasks: ["like"]))
      Issue.record("expected an error")
    } catch {
      #expect("\(error)" == "\(dir.path("train.csv")):3:13: label 'like' must be 0, 1 or empty, found 'yes'")
    }
  }

  @Test func badLabelIsLocatedWhenEncoding() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(
      to: dir, train: "user,item,tab,hour,click,like\nu1,i1,a,1,1,0\nu2,i1,a,1,0,2\n")
    let p = try FeaturePipeline.build(dataset: dataset)  // statistics use click only
    #expect(throws: DataError.self) { try EncodedDataset(dataset: dataset, split: .train, pipeline: p) }
    do { _ = try EncodedDataset(dataset: dataset, split: .train, pipeline: p) } catch {
      #expect("\(error)" == "\(dir.path("train.csv")):3:13: label 'like' must be 0, 1 or empty, found '2'")
    }
  }

  @Test func unknownDomainIsLocated() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(
      to: dir, train: "user,item,tab,hour,click,like\nu1,i1,a,1,1,0\nu1,i1,zz,1,1,0\n")
    do {
      _ = try FeaturePipeline.build(dataset: dataset)
      Issue.record("expected an error")
    } catch {
      #expect("\(error)" == "\(dir.path("train.csv")):3:7: unknown domain 'zz' (not listed in schema.json)")
    }
  }

  @Test func missingColumnAndFieldCountAreLocated() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let noLike = Fixture.write(to: dir, train: "user,item,tab,hour,click\nu1,i1,a,1,1\n")
    let p = try FeaturePipeline.build(dataset: noLike)
    do { _ = try EncodedDataset(dataset: noLike, split: .train, pipeline: p) } catch {
      #expect("\(error)" == "\(dir.path("train.csv")):1:1: missing column 'like' in header")
    }
    let short = Fixture.write(to: dir, train: "user,item,tab,hour,click,like\nu1,i1,a,1,1,0\nu1,i1,a\n")
    do {
      _ = try FeaturePipeline.build(dataset: short)
      Issue.record("expected an error")
    } catch {
      #expect("\(error)" == "\(dir.path("train.csv")):3:8: wrong number of fields: expected 6, found 3")
    }
  }

  @Test func schemaErrors() throws {
    let dir = TempDir()
    defer { dir.remove() }
    dir.write("schema.json", "{\"version\": 2}")
    #expect(throws: FileError.self) { try Dataset(directory: dir.url) }
    var schema = Fixture.schema
    schema.version = 2
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    do { _ = try Dataset(directory: dir.url) } catch {
      #expect("\(error)".contains("unsupported schema version 2"))
    }
  }

  /// An invalid byte in a valid or test split (here a context value) is reported at its place,
  /// not read as U+FFFD and mapped to the out-of-vocabulary slot.
  @Test func invalidUTF8InASplitIsLocated() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(to: dir)
    let p = try FeaturePipeline.build(dataset: dataset)
    var bytes = Array(Fixture.valid.utf8)
    let thirdLine = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 1
    bytes[thirdLine + 8] = 0xC3  // `u4,i1,b,9`: the hour `9` becomes a lone lead byte
    try Data(bytes).write(to: URL(fileURLWithPath: dir.path("valid.csv")))
    do {
      _ = try EncodedDataset(dataset: dataset, split: .valid, pipeline: p)
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)" == "\(dir.path("valid.csv")):3:9: invalid UTF-8 (byte 0xC3); pepnet reads UTF-8 text")
    }
  }

  /// A header naming a column twice is refused, whichever of the two a schema name would have meant.
  @Test func duplicateColumnInASplitHeaderIsRefused() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let dataset = Fixture.write(
      to: dir, train: Fixture.train.replacingOccurrences(of: "click,like\n", with: "click,click\n"))
    do {
      _ = try FeaturePipeline.build(dataset: dataset)
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)"
          == "\(dir.path("train.csv")):1:26: column 'click' appears twice in the header (first as field 5)")
    }
  }
}
