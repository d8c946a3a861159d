import Foundation
import PepnetTraining
import Testing

@testable import PepnetData

/// One file error (`FileError`: path, problem) for every file that is wrong as a whole: a bundle,
/// a dataset's schema, a checkpoint. The messages are the ones `ErrorCaseTests` checks.
@Suite struct FileErrorTests {
  static func fileError(_ body: () throws -> Void) -> FileError? {
    do { try body() } catch { return error as? FileError }
    return nil
  }

  @Test func bundlesSchemasAndCheckpointsFailWithAFileError() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let nothing = dir.url.path + "/nothing"
    let bundle = Self.fileError { _ = try ModelBundle.load(from: nothing) }
    #expect(bundle?.path == nothing)
    #expect(bundle?.problem == "no such model bundle (expected a directory with config.json)")
    #expect(bundle?.description == "\(nothing): no such model bundle (expected a directory with config.json)")

    let schema = Self.fileError { _ = try Dataset(directory: URL(fileURLWithPath: nothing)) }
    #expect(schema?.path == nothing + "/schema.json")
    #expect(schema?.problem == "cannot read: No such file or directory")

    let checkpoint = Self.fileError { _ = try TrainingCheckpoint.readState(at: nothing) }
    #expect(checkpoint?.path == nothing)
    #expect(checkpoint?.problem == "no checkpoint to resume from (pepnet train writes one after each epoch)")

    _ = dir.write("schema.json", "")
    let empty = Self.fileError { _ = try Dataset(directory: dir.url) }
    #expect(
      empty == FileError(path: dir.url.path + "/schema.json", problem: "empty file (expected a JSON object)"))
  }
}
