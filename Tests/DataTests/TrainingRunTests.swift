import Foundation
import PepnetModel
import PepnetTraining
import Testing

@testable import PepnetData

/// A whole training run (issue 12, item 2: what `pepnet train` did itself): the bundle it saves
/// holds the best epoch's validation report and the test report, loads, and the checkpoint is gone.
@Suite struct TrainingRunTests {
  @Test func aRunSavesTheBestEpochsReportsAndRemovesItsCheckpoint() throws {
    let dir = TempDir()
    defer { dir.remove() }
    _ = Fixture.write(to: dir)
    let bundle = dir.url.path + "/model"
    let checkpoint = dir.url.path + "/model.checkpoint"
    var lines: [String] = []
    var epochsDone: [Int] = []
    let run = TrainingRun(
      data: dir.url.path, bundle: bundle,
      model: ModelConfig(
        fields: [], tasks: [], embeddingDim: 4, tower: [8], epnetGateHidden: 4, ppnetGateHidden: 4),
      seed: 3,
      options: TrainOptions(
        epochs: 3, batchSize: 2, seed: 3, threads: 1, patience: 9, checkpointPath: checkpoint),
      taskWeights: { tasks in tasks.map { $0 == "like" ? 2 : 1 } }, command: "pepnet train (test)")
    let outcome = try run.trainAndSave(
      events: TrainingEvents(log: { lines.append($0) }, epochDone: { epochsDone.append($0.epoch) }))

    #expect(epochsDone == [1, 2, 3])
    let best = try #require(outcome.training.epochs.first { $0.epoch == outcome.training.bestEpoch })
    #expect(outcome.manifest.validation == best.validation)
    #expect(outcome.manifest.test == outcome.test)
    #expect(outcome.manifest.training?.command == "pepnet train (test)")
    #expect(outcome.manifest.model.tasks == ["click", "like"], "the pipeline's tasks replace the options'")
    #expect(lines.contains { $0.hasPrefix("model pepnet, ") })
    let loaded = try ModelBundle.load(from: bundle)
    #expect(loaded.manifest.validation == best.validation)
    #expect(!outcome.checkpointKept)
    #expect(!FileManager.default.fileExists(atPath: checkpoint))
  }
}
