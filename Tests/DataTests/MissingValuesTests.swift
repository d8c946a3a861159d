import Foundation
import Testing

@testable import PepnetData

/// Issue 18 item 3: labels as exported logs write them, and the schema's `missing` values.
struct MissingValuesTests {
  static func label(_ text: String) -> Int8? {
    Array(text.utf8).withUnsafeBufferPointer { FieldParsing.label($0) }
  }

  @Test func labelsAcceptTheSpellingsOfExportedLogs() {
    for one in ["1", "1.0", "true", "True", "TRUE"] { #expect(Self.label(one) == 1, "\(one)") }
    for zero in ["0", "0.0", "false", "False", "FALSE"] { #expect(Self.label(zero) == 0, "\(zero)") }
    for missing in ["", "NA", "NaN", "nan"] { #expect(Self.label(missing) == -1, "'\(missing)'") }
    for bad in ["2", "-1", "0.5", "1.00", "yes", "inf", "na", "truee", " 1", "NULL"] {
      #expect(Self.label(bad) == nil, "\(bad)")
    }
  }

  @Test func spelledLabelsEncodeAsTheirValues() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let train = "user,item,tab,hour,click,like\nu1,i1,a,1,1.0,false\nu2,i2,b,2,0.0,True\nu1,i3,a,1,NA,NaN\n"
    let dataset = Fixture.write(to: dir, train: train)
    let pipeline = try FeaturePipeline.build(dataset: dataset)
    let encoded = try EncodedDataset(dataset: dataset, split: .train, pipeline: pipeline)
    #expect(encoded.labels == [1, 0, 0, 1, 0, 0])
    #expect(encoded.labelMask == [1, 1, 1, 1, 0, 0])
    // The statistics count the first row's click and not the third's (missing counts as 0).
    #expect(pipeline.statistics.priors == [0.5, 0])
  }

  /// With `missing`, listed values get no index (OOV, id 0) in side features, context and the
  /// author; without it, an empty cell is a category of its own.
  @Test func missingValuesAreOutOfVocabulary() throws {
    let dir = TempDir()
    defer { dir.remove() }
    var schema = Fixture.schema
    schema.missing = ["", "NA", "-124"]
    _ = Fixture.write(
      to: dir, train: "user,item,tab,hour,click,like\nu1,i1,a,,1,0\nu2,i2,a,NA,0,0\nu3,i3,b,5,0,1\n")
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    dir.write("users.csv", "user,age\nu1,-124\nu2,young\nu3,\n")
    dir.write("items.csv", "item,author,category,title\ni1,NA,food,x\ni2,a1,NA,y\ni3,a1,pets,z\n")
    let pipeline = try FeaturePipeline.build(dataset: try Dataset(directory: dir.url))
    #expect(pipeline.userFeatures[0].tokens == ["young"])
    #expect(pipeline.itemFeatures[0].tokens == ["food", "pets"])
    #expect(pipeline.context[0].tokens == ["5"])
    #expect(pipeline.contextDefaults == [1])
    // Fields: user_id, item_id, author_id, age, category, hour.
    let u1 = try pipeline.encode(user: "u1", item: "i1", domain: "a", context: ["hour": "NA"])
    #expect(u1.general[2] == 0 && u1.general[3] == 0 && u1.general[5] == 0)
    let u3 = try pipeline.encode(user: "u3", item: "i2", domain: "a", context: ["hour": ""])
    #expect(u3.general[3] == 0 && u3.general[4] == 0 && u3.general[5] == 0)
    #expect(try pipeline.encode(user: "u2", item: "i3", domain: "a").general[3] == 1)
    // The bundle keeps the list, so serving maps the same values.
    let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(pipeline))
    #expect(decoded.schema.missing == ["", "NA", "-124"])

    // Without the list, "" and "-124" are categories.
    try Fixture.schema.write(to: dir.url.appendingPathComponent("schema.json"))
    let plain = try FeaturePipeline.build(dataset: try Dataset(directory: dir.url))
    #expect(Set(plain.userFeatures[0].tokens) == ["-124", "young", ""])
  }
}
