import Foundation
import Testing

@testable import PepnetData

/// Issue 18 item 6: a schema without `items.author_id` trains a model whose PPNet prior is the
/// user and item ids alone; the fields (and so `config.json`) record it, so serving agrees.
struct OptionalAuthorTests {
  func datasetWithoutAuthor() throws -> (TempDir, Dataset) {
    let dir = TempDir()
    _ = Fixture.write(to: dir)
    var schema = Fixture.schema
    schema.items.authorId = nil
    schema.items.title = nil
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    dir.write("items.csv", "item,category\ni1,food\ni2,pets\ni3,food\n")
    return (dir, try Dataset(directory: dir.url))
  }

  @Test func theFieldsHaveNoAuthor() throws {
    let (dir, dataset) = try datasetWithoutAuthor()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    #expect(!pipeline.hasAuthor)
    let generalFields = pipeline.fields.filter { $0.role == .general }
    #expect(generalFields.map(\.name) == ["user_id", "item_id", "age", "category", "hour"])
    #expect(generalFields.filter(\.isPrior).map(\.name) == ["user_id", "item_id"])
    #expect(pipeline.generalFieldCount == 5)
    // Titles fall back to the id.
    #expect(pipeline.items.titles == ["i1", "i2", "i3"])
    // All three ways of encoding agree on the layout.
    let row = try pipeline.encode(user: "u1", item: "i2", domain: "a", context: ["hour": "1"])
    #expect(row.general == [1, 2, 1, 2, 1])
    var general = [Int32](repeating: -1, count: 5)
    var side = [Int32](repeating: -1, count: pipeline.domainSideFieldCount)
    pipeline.encode(
      user: pipeline.users.index(of: "u1")!, item: pipeline.items.index(of: "i2")!, domain: 0, context: [1],
      general: &general, domainSide: &side)
    #expect(general == row.general && side == row.domainSide)
    let encoded = try EncodedDataset(dataset: dataset, split: .train, pipeline: pipeline)
    #expect(Array(encoded.generalIds[5..<10]) == row.general)  // train row 2: u1, i2, a, hour 1
    // The bundle's copy keeps it.
    let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(pipeline))
    #expect(decoded.fields == pipeline.fields)
  }
}
