import CFuzzer
import Foundation
import PepnetData

/// `pepnet-fuzz`: coverage-guided fuzzing of the parsers (see docs/testing.md, scripts/fuzz.sh).
///
/// Built with `-sanitize=fuzzer` and `-DPEPNET_FUZZ` it is a libFuzzer binary: `main` hands its
/// arguments to libFuzzer's driver, and `PEPNET_FUZZ_TARGET` (csv, schema, safetensors, bundle,
/// whole-bundle) picks the parser. A normal build replays inputs instead (`pepnet-fuzz TARGET
/// FILE|DIR...`: each must parse or throw). Both write the seed corpus with `pepnet-fuzz --write-seeds DIR`.
@main enum PepnetFuzz {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.count == 2 && arguments[0] == "--write-seeds" {
      do { try writeSeeds(to: arguments[1]) } catch { fail("\(error)") }
      return
    }
    #if PEPNET_FUZZ
      guard let target = FuzzTarget.fromEnvironment else {
        fail(
          "set PEPNET_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      start(target)
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in LLVMFuzzerTestOneInput(data, size) })
    #else
      guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[0]) else {
        fail(
          "usage: pepnet-fuzz TARGET FILE|DIR... (replays inputs; TARGET: "
            + "\(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))) | pepnet-fuzz --write-seeds DIR"
        )
      }
      start(target)
      var count = 0
      var accepted = 0
      for input in arguments.dropFirst() {
        for file in files(at: input) {
          guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
          if runFuzzInput([UInt8](data), target: target, workspace: workspace!) { accepted += 1 }
          count += 1
        }
      }
      print("\(target.rawValue): \(count) inputs (\(accepted) accepted, the rest rejected), no crash")
    #endif
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("pepnet-fuzz: \(message)\n".utf8))
    exit(2)
  }

  /// Builds the workspace for `target` and removes it at exit.
  static func start(_ target: FuzzTarget) {
    do { workspace = try FuzzWorkspace() } catch { fail("cannot set up the fixture: \(error)") }
    currentTarget = target
    atexit { workspace?.remove() }
  }

  /// The files of `path`: itself, or the regular files directly inside it, sorted.
  static func files(at path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
    else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { path + "/" + $0 }.filter {
      FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
  }

  /// Writes `DIR/<target>/<seed>` for every target: valid files of the fixture, each prefixed by
  /// the selector byte its target expects.
  static func writeSeeds(to directory: String) throws {
    let ws = try FuzzWorkspace()
    defer { ws.remove() }
    func seed(_ target: FuzzTarget, _ name: String, _ selector: UInt8?, _ data: Data) throws {
      let folder = directory + "/" + target.rawValue
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let bytes = (selector.map { Data([$0]) } ?? Data()) + data
      try bytes.write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    let text = { (s: String) in Data(s.utf8) }
    try seed(.csv, "ingest-valid", 0, text(FuzzFixture.valid))
    try seed(.csv, "ingest-train-out-of-fold", 4, text(FuzzFixture.train))
    try seed(.csv, "build-train", 1, text(FuzzFixture.train))
    try seed(.csv, "build-users", 2, text(FuzzFixture.users))
    try seed(.csv, "build-items", 3, text(FuzzFixture.items))
    try seed(.schema, "schema.json", nil, text(FuzzFixture.schema))
    let small = SafeTensorsFile(
      tensors: [
        "a": SafeTensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]), "b": SafeTensor(shape: [1], ints: [7]),
        "empty": SafeTensor(shape: [0, 4], floats: []),
      ], metadata: ["format": "pepnet"])
    try seed(.safetensors, "small.safetensors", nil, small.encoded())
    try seed(
      .safetensors, "bundle-weights.safetensors", nil, ws.original(bundleFile: ModelBundle.weightsFile))
    for (k, name) in FuzzWorkspace.bundleFiles.enumerated() {
      try seed(.bundle, name, UInt8(k), ws.original(bundleFile: name))
    }
    for (name, files) in try BundleReproductions.all(ws) {
      try seed(.wholeBundle, name, nil, WholeBundleInput.join(files))
    }
  }
}

nonisolated(unsafe) var workspace: FuzzWorkspace?
nonisolated(unsafe) var currentTarget = FuzzTarget.csv

/// libFuzzer's per-input callback: runs the bytes through the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  runFuzzInput(bytes, target: currentTarget, workspace: workspace!)
  return 0
}
