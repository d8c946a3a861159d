import Foundation
import Testing

@testable import PepnetData

@Suite struct AtomicFileTests {
  private struct BuildFailed: Error {}

  /// A fresh directory, removed after `body`.
  private func withScratch(_ body: (String) throws -> Void) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
  }

  private func contents(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  private func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  @Test func writesAndOverwritesAFileLeavingNoTemporaryFile() throws {
    try withScratch { root in
      let path = root + "/config.json"
      try AtomicFile.write(Data("first".utf8), to: path)
      #expect(try text(path) == "first")
      try AtomicFile.write(Array("second, longer".utf8), to: path)
      #expect(try text(path) == "second, longer")
      try AtomicFile.write([UInt8](), to: path)
      #expect(try text(path) == "")
      #expect(try contents(root) == ["config.json"])
    }
  }

  @Test func failsClearlyInAMissingDirectory() throws {
    try withScratch { root in
      let path = root + "/missing/config.json"
      #expect {
        try AtomicFile.write(Data("x".utf8), to: path)
      } throws: { error in
        guard let error = error as? AtomicFileError else { return false }
        return error.code == ENOENT && error.description.contains(root + "/missing/")
      }
    }
  }

  @Test func createsADirectory() throws {
    try withScratch { root in
      let target = root + "/model"
      try AtomicDirectory.replace(at: target) { dir in
        try AtomicFile.write(Data("w1".utf8), to: dir + "/weights.safetensors")
        try FileManager.default.createDirectory(atPath: dir + "/catalog", withIntermediateDirectories: false)
        try AtomicFile.write(Data("c1".utf8), to: dir + "/catalog/items.csv")
      }
      #expect(try contents(target) == ["catalog", "weights.safetensors"])
      #expect(try text(target + "/catalog/items.csv") == "c1")
      #expect(try contents(root) == ["model"])
    }
  }

  @Test func replacesAnExistingDirectory() throws {
    try withScratch { root in
      let target = root + "/model"
      try AtomicDirectory.replace(at: target) { dir in
        try AtomicFile.write(Data("old".utf8), to: dir + "/weights.safetensors")
        try AtomicFile.write(Data("only in old".utf8), to: dir + "/stale.txt")
      }
      try AtomicDirectory.replace(at: target + "/") { dir in
        // The build starts from an empty directory, not a copy of the old one.
        #expect(try contents(dir) == [])
        try AtomicFile.write(Data("new".utf8), to: dir + "/weights.safetensors")
      }
      #expect(try contents(target) == ["weights.safetensors"])
      #expect(try text(target + "/weights.safetensors") == "new")
      #expect(try contents(root) == ["model"])
    }
  }

  @Test func aFailedBuildLeavesTheOldDirectoryAndNoLitter() throws {
    try withScratch { root in
      let target = root + "/model"
      try AtomicDirectory.replace(at: target) { dir in
        try AtomicFile.write(Data("old".utf8), to: dir + "/weights.safetensors")
      }
      #expect(throws: BuildFailed.self) {
        try AtomicDirectory.replace(at: target) { dir in
          try AtomicFile.write(Data("half-written".utf8), to: dir + "/weights.safetensors")
          throw BuildFailed()
        }
      }
      #expect(try text(target + "/weights.safetensors") == "old")
      #expect(try contents(target) == ["weights.safetensors"])
      #expect(try contents(root) == ["model"])
      // A failed first build leaves nothing at all.
      #expect(throws: BuildFailed.self) {
        try AtomicDirectory.replace(at: root + "/fresh") { _ in throw BuildFailed() }
      }
      #expect(try contents(root) == ["model"])
    }
  }

  /// Missing parents are created when the directory is saved, and removed again when the save
  /// fails (nothing is left of a failed first save).
  @Test func createsMissingParentsAndRemovesThemWhenTheSaveFails() throws {
    try withScratch { root in
      #expect(throws: BuildFailed.self) {
        try AtomicDirectory.replace(at: root + "/a/b/model") { _ in throw BuildFailed() }
      }
      #expect(try contents(root) == [])
      try AtomicDirectory.replace(at: root + "/a/b/model") { dir in
        try AtomicFile.write(Data("w".utf8), to: dir + "/weights.safetensors")
      }
      #expect(try text(root + "/a/b/model/weights.safetensors") == "w")
      #expect(try contents(root + "/a/b") == ["model"])
    }
  }

  @Test func refusesToReplaceAFile() throws {
    try withScratch { root in
      let target = root + "/model"
      try AtomicFile.write(Data("a file".utf8), to: target)
      #expect(throws: AtomicFileError.self) {
        try AtomicDirectory.replace(at: target) { _ in }
      }
      #expect(try text(target) == "a file")
      #expect(try contents(root) == ["model"])
    }
  }

  @Test func splitsPaths() {
    #expect(FilePaths.parent(of: "/a/b/c") == "/a/b")
    #expect(FilePaths.parent(of: "/a/b/") == "/a")
    #expect(FilePaths.parent(of: "/a") == "/")
    #expect(FilePaths.parent(of: "name") == ".")
    #expect(FilePaths.temporarySibling(of: "/a/b/model/").hasPrefix("/a/b/.model.tmp-"))
    #expect(FilePaths.temporarySibling(of: "model").hasPrefix("./.model.tmp-"))
  }
}
