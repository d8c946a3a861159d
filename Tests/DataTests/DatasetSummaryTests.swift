import Foundation
import PepnetModel
import PepnetTraining
import Testing

@testable import PepnetData

/// What the data can and cannot show (issue 18, item 9): the per-domain counts, and one hand-made
/// log for each warning, next to a log that draws none of them.
@Suite struct DatasetSummaryTests {
  /// One row: domain index, user key, item index (0: unknown), one label per task (nil: missing).
  typealias Row = (domain: Int32, user: Int32, item: Int32, labels: [Float?])

  static func summary(_ rows: [Row], domains: [String] = ["a", "b"], tasks: [String] = ["click"])
    -> DatasetSummary
  {
    DatasetSummary(
      split: "train", domains: rows.map(\.domain), users: rows.map(\.user), items: rows.map(\.item),
      labels: rows.flatMap { $0.labels.map { $0 ?? 0 } },
      labelMask: rows.flatMap { $0.labels.map { $0 == nil ? 0 : 1 } }, domainNames: domains, taskNames: tasks)
  }

  /// A one-task row from plain integers (keeps the fixtures quick to type-check).
  static func row(_ domain: Int, _ user: Int, _ item: Int, _ label: Int) -> Row {
    (domain: Int32(domain), user: Int32(user), item: Int32(item), labels: [Float(label)])
  }

  /// A log with two domains, users and items in both, and `positives` positives of each task.
  static func healthy(positives: Int = 10) -> [Row] {
    (0..<40).map { r in row(r % 2, r / 4, 1 + r % 3, r < positives ? 1 : 0) }
  }

  @Test func countsRowsUsersItemsAndPositivesPerDomain() {
    let s = Self.summary(
      [
        (0, 1, 5, [1, 0]), (0, 1, 6, [0, nil]), (0, 2, 0, [1, 1]),
        (1, 2, 5, [nil, 1]), (1, 3, 7, [1, 1]),
      ], tasks: ["click", "like"])
    #expect(s.cells.map(\.domain) == ["a", "b", nil])
    #expect(s.cells.map(\.rows) == [3, 2, 5])
    #expect(s.cells.map(\.users) == [2, 2, 3])
    // Item 0 (unknown) is not an item.
    #expect(s.cells.map(\.items) == [2, 2, 3])
    // Missing labels are not positives.
    #expect(s.cells.map(\.positives) == [[2, 1], [1, 2], [3, 3]])
    #expect(
      DatasetSummary.table([s]) == """
        split  domain  rows  users  items  click+  like+
        train  a          3      2      2       2      1
        train  b          2      2      2       1      2
        train  all        5      3      3       3      3
        """)
  }

  @Test func aHealthyLogDrawsNoWarning() {
    #expect(Self.summary(Self.healthy()).warnings() == [])
  }

  @Test func warnsWhenTheLogHasOneDomain() {
    let rows = Self.healthy().map { (domain: Int32(0), user: $0.user, item: $0.item, labels: $0.labels) }
    #expect(
      Self.summary(rows).warnings() == ["train: the log has one domain: EPNet has nothing to personalise"])
  }

  @Test func warnsWhenTheLogHasOneUser() {
    let rows = Self.healthy().map { (domain: $0.domain, user: Int32(7), item: $0.item, labels: $0.labels) }
    #expect(Self.summary(rows).warnings() == ["train: the log has one user: GAUC equals AUC"])
  }

  @Test func warnsWhenTheDomainIsAFunctionOfTheUser() {
    // Users 0-9 only in domain a, 10-19 only in b, two rows each, and user 20 with one row;
    // items in both.
    let rows = (0..<41).map { r in Self.row(r < 40 ? r / 20 : 0, r / 2, 1 + r % 3, r % 2) }
    let s = Self.summary(rows)
    #expect(s.domainFollowsUser && !s.domainFollowsItem)
    #expect(s.usersJudged == 20)
    #expect(
      s.warnings() == [
        "train: every user with 2+ rows (20 of 21) has them in one domain only: the domain is a function of"
          + " the user"
      ])
  }

  @Test func usersAndItemsWithOneRowEachSayNothingAboutTheDomain() {
    // Every user and every item has one row: none can show a second domain, so neither is judged.
    let rows = (0..<40).map { r in Self.row(r % 2, r, 1 + r, r % 2) }
    let s = Self.summary(rows)
    #expect(s.usersJudged == 0 && s.itemsJudged == 0)
    #expect(!s.domainFollowsUser && !s.domainFollowsItem)
    #expect(s.warnings() == [])
  }

  @Test func warnsWhenTheDomainIsAFunctionOfTheItem() {
    // Items 1-2 only in domain a, 3-4 only in b; unknown items (0) in both do not count; users in both.
    let rows = (0..<40).map { (r: Int) -> Row in
      let item: Int = r % 5 == 0 ? 0 : 1 + (r % 2) * 2 + (r % 4) / 2
      return Self.row(r % 2, r / 4, item, r / 20)
    }
    let s = Self.summary(rows)
    #expect(!s.domainFollowsUser && s.domainFollowsItem)
    #expect(
      s.warnings() == [
        "train: every item with 2+ rows (4 of 4) has them in one domain only: the domain is a function of"
          + " the item"
      ])
  }

  @Test func warnsWhenATaskHasFewerThanTenPositives() {
    #expect(
      Self.summary(Self.healthy(positives: 9)).warnings() == [
        "train: task click has 9 positives (fewer than 10): its AUC is noise"
      ])
    // Positives are judged on every split; the log's shape only where asked.
    let oneDomain = Self.healthy(positives: 1).map {
      (domain: Int32(0), user: $0.user, item: $0.item, labels: $0.labels)
    }
    #expect(
      Self.summary(oneDomain).warnings(structural: false) == [
        "train: task click has 1 positive (fewer than 10): its AUC is noise"
      ])
  }

  @Test func warnsWhenAnEpochHasFewerThanTenSteps() {
    // ml-1m's case in the issue: batch 512 against 400 rows is one step.
    #expect(
      DatasetSummary.stepsWarning(rows: 400, batchSize: 512)
        == "an epoch is 1 optimiser step (400 train rows / batch size 512), fewer than 10: lower --batch-size"
    )
    #expect(DatasetSummary.stepsWarning(rows: 91, batchSize: 10) == nil)
    #expect(DatasetSummary.stepsWarning(rows: 90, batchSize: 10) != nil)
    #expect(DatasetSummary.stepsWarning(rows: 400, batchSize: 32) == nil)
  }

  /// A training run logs the table and sends its warnings through `TrainingEvents.warning`.
  @Test func aTrainingRunLogsTheSummaryAndWarns() throws {
    let dir = TempDir()
    defer { dir.remove() }
    _ = Fixture.write(to: dir)
    var lines: [String] = []
    var warnings: [String] = []
    let run = TrainingRun(
      data: dir.url.path, bundle: dir.url.path + "/model",
      model: ModelConfig(
        fields: [], tasks: [], embeddingDim: 4, tower: [8], epnetGateHidden: 4, ppnetGateHidden: 4),
      seed: 3, options: TrainOptions(epochs: 1, batchSize: 4096, seed: 3, threads: 1, patience: 9),
      command: "pepnet train (test)")
    var events = TrainingEvents(log: { lines.append($0) })
    events.warning = { warnings.append($0) }
    _ = try run.trainAndSave(events: events)
    #expect(lines.contains { $0.hasPrefix("split  domain  rows  users  items") && $0.contains("\ntest ") })
    #expect(warnings.contains { $0.hasPrefix("an epoch is 1 optimiser step (") })
  }
}
