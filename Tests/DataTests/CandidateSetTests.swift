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

  /// The fixture with an items column `tabs` (cells in item order) named as `items.domain`,
  /// split at `separator`.
  static func listed(_ dir: TempDir, tabs: [String], separator: String? = nil, missing: [String]? = nil)
    throws
    -> FeaturePipeline
  {
    var schema = Fixture.schema
    schema.items.domain = "tabs"
    schema.items.domainSeparator = separator
    schema.missing = missing
    let dataset = Fixture.write(to: dir)
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    let rows = ["i1,a1,food,\"Noodles, hand-pulled\"", "i2,a1,pets,Cat", "i3,a2,food,Tea"]
    dir.write(
      "items.csv",
      "item,author,category,title,tabs\n" + zip(rows, tabs).map { "\($0),\($1)\n" }.joined())
    return try FeaturePipeline.build(dataset: Dataset(directory: dataset.directory))
  }

  /// With `items.domain` the sets are the catalogue's: i3 is listed for a although training shows
  /// it only in b, i1 only for b, i2 (an empty cell) nowhere.
  @Test func anItemsDomainColumnListsTheCandidates() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try Self.listed(dir, tabs: ["b", "", "a"])
    #expect(p.candidates?.map { $0.map { p.items.ids[Int($0)] } } == [["i3"], ["i1"]])
  }

  /// A separator lets an item belong to several domains; empty parts, repeats and missing values
  /// name nothing more.
  @Test func aSeparatorListsAnItemInSeveralDomains() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let p = try Self.listed(dir, tabs: ["a|b", "b||b", "NA|a"], separator: "|", missing: ["NA"])
    #expect(p.candidates == [[0, 2], [0, 1]])
    // Without the separator, `a|b` is one (unknown) domain, refused at its cell.
    #expect(throws: DataError.self) { try Self.listed(TempDir(), tabs: ["a|b", "a", "b"]) }
  }

  @Test func anUnknownItemDomainIsRefusedAtItsCell() throws {
    let dir = TempDir()
    defer { dir.remove() }
    #expect {
      try Self.listed(dir, tabs: ["a", "b", "c"])
    } throws: { error in
      "\(error)" == dir.path("items.csv") + ":4:16: column 'tabs': unknown domain 'c'; closest: a, b"
    }
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
