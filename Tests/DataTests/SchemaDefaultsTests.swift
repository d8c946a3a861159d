import Foundation
import Testing

@testable import PepnetData

/// Issue 18 item 7 (schema defaults: splits, side files, context, domains read from the train
/// split, integer domain values) and item 2's refusal of keys pepnet does not read.
struct SchemaDefaultsTests {
  /// The fixture's files with `schema` (JSON text) as schema.json.
  static func dataset(_ schema: String, train: String = Fixture.train) throws -> (TempDir, Dataset) {
    let dir = TempDir()
    _ = Fixture.write(to: dir, train: train)
    dir.write("schema.json", schema)
    return (dir, try Dataset(directory: dir.url))
  }

  static let minimal = """
    {"version": 1,
     "impressions": {"user_id": "user", "item_id": "item", "domain": "tab", "tasks": ["click", "like"]},
     "users": {"id": "user", "features": ["age"]},
     "items": {"id": "item", "author_id": "author", "features": ["category"]}}
    """

  func error(_ schema: String, train: String = Fixture.train) -> String {
    do {
      let (dir, _) = try Self.dataset(schema, train: train)
      dir.remove()
      return "no error"
    } catch { return "\(error)" }
  }

  @Test func leftOutKeysTakeTheirDefaults() throws {
    let (dir, dataset) = try Self.dataset(Self.minimal)
    defer { dir.remove() }
    let schema = dataset.schema
    #expect(schema.splits == DatasetSchema.Splits(train: "train.csv", valid: "valid.csv", test: "test.csv"))
    #expect(schema.users.file == "users.csv" && schema.items.file == "items.csv")
    #expect(schema.impressions.context.isEmpty)
    // Domains in order of first appearance in train.csv (a, then b).
    #expect(schema.domains == ["a", "b"])
    #expect(!schema.infersDomains)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    #expect(pipeline.domainNames == ["a", "b"])
    #expect(pipeline.context.isEmpty)
    // The bundle's copy of the schema lists the domains it was trained with.
    let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(pipeline))
    #expect(decoded.schema == schema)
  }

  @Test func inferredDomainsFollowFirstAppearance() throws {
    let train = "user,item,tab,click,like\nu1,i1,b,1,0\nu2,i1,a,0,0\nu1,i2,b,1,1\nu3,i3,c,0,0\n"
    let (dir, dataset) = try Self.dataset(Self.minimal, train: train)
    defer { dir.remove() }
    #expect(dataset.schema.domains == ["b", "a", "c"])
  }

  @Test func domainValuesMayBeIntegers() throws {
    let schema = Self.minimal.replacingOccurrences(
      of: "\"version\": 1,", with: "\"version\": 1, \"domains\": [7, \"x\", -2],")
    let (dir, dataset) = try Self.dataset(schema)
    defer { dir.remove() }
    #expect(dataset.schema.domains == ["7", "x", "-2"])
  }

  @Test func aFractionalDomainIsRefused() {
    let schema = Self.minimal.replacingOccurrences(
      of: "\"version\": 1,", with: "\"version\": 1, \"domains\": [\"a\", 1.5],")
    #expect(
      error(schema).hasSuffix(
        "schema.json: wrong type at 'domains.[1]': a domain value is a string or an integer"))
  }

  @Test func anEmptyInferredDomainIsLocated() {
    let train = "user,item,tab,click,like\nu1,i1,a,1,0\nu2,i1,,0,0\n"
    #expect(
      error(Self.minimal, train: train).hasSuffix(
        "train.csv:3:7: column 'tab' is empty: schema.json lists no domains, so every train row needs one"))
  }

  @Test(arguments: [
    ("\"splts\": {},", "unknown key 'splts'; closest: splits, "),
    ("\"domain\": [\"a\"],", "unknown key 'domain'; closest: domains, "),
  ])
  func anUnknownTopLevelKeyIsRefused(extra: String, message: String) {
    let schema = Self.minimal.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1, \(extra)")
    #expect(error(schema).contains("schema.json: \(message)"))
  }

  @Test func anUnknownNestedKeyIsRefusedWithItsPath() {
    let users = Self.minimal.replacingOccurrences(
      of: "{\"id\": \"user\",", with: "{\"id\": \"user\", \"fle\": \"u.csv\",")
    #expect(
      error(users).hasSuffix(
        "schema.json: unknown key 'users.fle'; closest: users.file, users.id, users.features"))
    let impressions = Self.minimal.replacingOccurrences(
      of: "\"domain\": \"tab\",", with: "\"domain\": \"tab\", \"contxt\": [],")
    #expect(
      error(impressions).hasSuffix(
        "schema.json: unknown key 'impressions.contxt'; closest: impressions.context, impressions.domain, impressions.oracle"
      ))
    let splits = Self.minimal.replacingOccurrences(
      of: "\"version\": 1,", with: "\"version\": 1, \"splits\": {\"tran\": \"t.csv\"},")
    #expect(
      error(splits).hasSuffix(
        "schema.json: unknown key 'splits.tran'; closest: splits.train, splits.test, splits.valid"))
  }

  /// Inside a bundle's pipeline.json the path starts at `schema`.
  @Test func anUnknownKeyInAPipelinesSchemaIsRefused() throws {
    let (dir, dataset) = try Self.dataset(Self.minimal)
    defer { dir.remove() }
    var json =
      try JSONSerialization.jsonObject(
        with: JSONEncoder().encode(try FeaturePipeline.build(dataset: dataset))) as! [String: Any]
    var schema = json["schema"] as! [String: Any]
    schema["numerc"] = ["age"]
    json["schema"] = schema
    #expect(throws: UnknownSchemaKey.self) {
      try JSONDecoder().decode(FeaturePipeline.self, from: JSONSerialization.data(withJSONObject: json))
    }
    do {
      _ = try JSONDecoder().decode(FeaturePipeline.self, from: JSONSerialization.data(withJSONObject: json))
    } catch { #expect("\(error)".hasPrefix("unknown key 'schema.numerc'; closest: schema.")) }
  }
}
