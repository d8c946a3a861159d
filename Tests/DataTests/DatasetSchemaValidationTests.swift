import Foundation
import Testing

@testable import PepnetData

/// `DatasetSchema.validate` refuses schemas that would train into a model that cannot be served
/// (a feature named like a derived field) or that leaks its labels (a column in two roles), file
/// names outside the dataset folder and splits naming one file; `Dataset` refuses split files
/// that are the same file or a copy of the train split.
@Suite struct DatasetSchemaValidationTests {
  private func problem(_ change: (inout DatasetSchema) -> Void) -> String? {
    var schema = Fixture.schema
    change(&schema)
    do {
      try schema.validate()
      return nil
    } catch { return (error as? FileError)?.problem ?? "\(error)" }
  }

  @Test func theFixtureIsValid() { #expect(problem { _ in } == nil) }

  @Test func featuresNamedLikeDerivedFieldsAreRefused() {
    let derived =
      "the name of a field pepnet derives (user_id, item_id, author_id, domain, user_domain_*, item_domain_*);"
      + " rename that column"
    #expect(
      problem { $0.impressions.context = ["hour", "domain"] }
        == "impressions.context has 'domain', \(derived)")
    #expect(
      problem { $0.users.features = ["user_domain_impressions"] }
        == "users.features has 'user_domain_impressions', \(derived)")
    #expect(
      problem { $0.items.features = ["item_domain_click_rate"] }
        == "items.features has 'item_domain_click_rate', \(derived)")
    #expect(problem { $0.items.features = ["author_id"] } == "items.features has 'author_id', \(derived)")
    #expect(
      problem { $0.impressions.context = ["hour", "age"] }
        == "feature name 'age' is used twice (user, item and context feature names must be distinct)")
  }

  @Test func aColumnHasOneRole() {
    let leak = ": a column may have one role; a label or oracle column used elsewhere leaks the answer"
    #expect(
      problem { $0.impressions.context = ["hour", "like"] }
        == "column 'like' is both impressions.context and impressions.tasks\(leak)")
    #expect(
      problem { $0.impressions.oracle = ["click": "p_click", "like": "like"] }
        == "column 'like' is both impressions.tasks and impressions.oracle.like\(leak)")
    #expect(
      problem { $0.impressions.oracle = ["click": "hour", "like": "p_like"] }
        == "column 'hour' is both impressions.context and impressions.oracle.click\(leak)")
    #expect(
      problem { $0.impressions.itemId = "user" }
        == "column 'user' is both impressions.user_id and impressions.item_id: a column may have one role")
    #expect(
      problem { $0.impressions.domain = "click" }
        == "column 'click' is both impressions.domain and impressions.tasks\(leak)")
    #expect(
      problem { $0.items.authorId = "item" }
        == "column 'item' is both items.id and items.author_id: a column may have one role")
    // The title is for display only; it may be the id column (KuaiRand has no titles).
    #expect(problem { $0.items.title = "item" } == nil)
  }

  @Test func fileNamesStayInsideTheDatasetFolder() {
    let inside = "a file name must be a relative path inside the dataset folder (no leading '/', no '..')"
    #expect(problem { $0.users.file = "../../secret.txt" } == "users.file is '../../secret.txt': \(inside)")
    #expect(problem { $0.items.file = "/etc/passwd" } == "items.file is '/etc/passwd': \(inside)")
    #expect(problem { $0.splits.test = "a/../../b.csv" } == "splits.test is 'a/../../b.csv': \(inside)")
    #expect(problem { $0.splits.valid = "" } == "splits.valid is '': \(inside)")
    // Sub-folders and names that merely contain dots are fine.
    #expect(problem { $0.splits.test = "held-out/test..v2.csv" } == nil)
  }

  @Test func splitsMustNameDifferentFiles() {
    #expect(
      problem { $0.splits.test = "./valid.csv" }
        == "splits.valid and splits.test both name './valid.csv': the train, valid and test splits must differ"
    )
  }

  @Test func splitFilesThatAreOneFileOrACopyOfTrainAreRefused() throws {
    let dir = TempDir()
    defer { dir.remove() }
    _ = Fixture.write(to: dir)
    func problem() -> String? {
      do {
        _ = try Dataset(directory: dir.url)
        return nil
      } catch { return "\(error)" }
    }
    // Valid and test may be copies of each other (the fixture's are).
    #expect(problem() == nil)
    try FileManager.default.removeItem(atPath: dir.path("test.csv"))
    try FileManager.default.linkItem(atPath: dir.path("valid.csv"), toPath: dir.path("test.csv"))
    #expect(
      problem()
        == "\(dir.path("test.csv")): is the same file as valid.csv; the train, valid and test splits must differ"
    )
    try FileManager.default.removeItem(atPath: dir.path("test.csv"))
    dir.write("test.csv", Fixture.train)
    #expect(
      problem()
        == "\(dir.path("test.csv")): has the same contents as train.csv; the train, valid and test splits must differ"
    )
    // Header-only copies are left to the readers ("no rows after the header").
    dir.write("train.csv", "user,item,tab,hour,click,like\n")
    dir.write("test.csv", "user,item,tab,hour,click,like\n")
    #expect(problem() == nil)
  }
}
