import Foundation
import Testing

@testable import PepnetData

/// The per-domain candidate sets (issue 18 item 8): built from the train split, saved in
/// pipeline.json, absent from (and so optional for) bundles made before, and checked at load.
struct CandidateSetTests {
  /// In the fixture, domain a's train rows show i1 and i2, domain b's i1 and i3.
  @Test func setsHoldTheItemsSeenInEachDomain() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    let ids = p.candidates?.map { $0.map { p.items.ids[Int($0)] } }
    #expect(ids == [["i1", "i2"], ["i1", "i3"]])
  }

  /// A train item outside the items file is no candidate (it has no catalogue index).
  @Test func itemsOutsideTheCatalogueAreLeftOut() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(
      dataset: Fixture.write(to: dir, train: Fixture.train + "u1,i7,b,2,0,0\n"))
    #expect(p.candidates?.map { $0.map { p.items.ids[Int($0)] } } == [["i1", "i2"], ["i1", "i3"]])
  }

  func json(_ p: FeaturePipeline) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: JSONEncoder().encode(p)) as! [String: Any]
  }

  func decode(_ object: [String: Any]) throws -> FeaturePipeline {
    try JSONDecoder().decode(FeaturePipeline.self, from: JSONSerialization.data(withJSONObject: object))
  }

  @Test func setsRoundTripAndAreOptional() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try FeaturePipeline.build(dataset: Fixture.write(to: dir))
    var object = try json(p)
    #expect(object["candidates"] as? [[Int]] == [[0, 1], [0, 2]])
    #expect(try decode(object).candidates == p.candidates)
    object["candidates"] = nil
    #expect(try decode(object).candidates == nil)
  }

  @Test(arguments: [
    [[0, 1]],  // one set for two domains
    [[0, 3], [0]],  // past the catalogue's 3 items
    [[1, 0], [0]],  // not ascending
    [[0, 0], [0]],  // a repeat
    [[-1], [0]],
  ])
  func badSetsAreRefusedAtLoad(sets: [[Int]]) throws {
    let dir = TempDir()
    defer { dir.remove() }
    var object = try json(FeaturePipeline.build(dataset: Fixture.write(to: dir)))
    object["candidates"] = sets
    #expect(throws: DecodingError.self) { try decode(object) }
  }
}
