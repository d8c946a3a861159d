import PepnetModel
import Testing

/// `Batch(config:capacity:)`, the one way code with a model makes a batch (issue 12, item 6).
@Suite struct BatchTests {
  @Test func aBatchForAConfigHasItsFieldsAndTasks() {
    let config = ModelConfig(
      fields: [
        FieldSpec(name: "user", vocabularySize: 5, role: .general, isPrior: true),
        FieldSpec(name: "item", vocabularySize: 5, role: .general),
        FieldSpec(name: "hour", vocabularySize: 24, role: .general),
        FieldSpec(name: "domain", vocabularySize: 3, role: .domainSide),
      ], tasks: ["like", "follow"])
    let batch = Batch(config: config, capacity: 4)
    #expect(batch.count == 4)
    #expect(batch.generalFieldCount == 3 && batch.domainSideFieldCount == 1 && batch.taskCount == 2)
    #expect(batch.generalIds.count == 12 && batch.domainSideIds.count == 4)
    #expect(batch.labels.rows == 4 && batch.labels.cols == 2)
    #expect(batch.labelMask.toArray().allSatisfy { $0 == 1 }, "every label present until told otherwise")
  }
}
