// swift-tools-version: 6.1
import PackageDescription

/// Layering (each target imports only those below it, and declares exactly what it imports):
/// PepnetNumerics -> PepnetModel -> PepnetData -> PepnetInference -> pepnet (CLI), with PepnetText
/// (terminal text: display width, control characters) under PepnetInference and PepnetExplorer.
/// The explorer imports neither the model nor BLAS: it sees a model only through
/// `ExplorerDataSource`, which the CLI implements.
/// Release builds target Haswell (AVX2, FMA: every x86 server CPU since 2015) so the element-wise
/// kernels vectorise 8 wide; GEMMs are OpenBLAS's and pick their kernels at run time.
///
/// Only the numeric kernels (PepnetNumerics, PepnetModel's layers) are built `-Ounchecked`: without
/// bounds and overflow checks there, training and scoring take 11% and 6% less CPU time than with
/// `-O` everywhere. Everything that reads files, validates them and serves from them is `-O`, so
/// that an index a check missed traps instead of reading memory; that costs nothing measurable
/// (docs/performance.md, "-O against -Ounchecked").
let numericKernels: [SwiftSetting] = [
  .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
  .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]
let optimised: [SwiftSetting] = [
  .unsafeFlags(["-O", "-wmo"], .when(configuration: .release)),
  .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
  name: "pepnet",
  products: [
    .executable(name: "pepnet", targets: ["pepnet"]),
    .library(name: "PepnetModel", targets: ["PepnetModel"]),
    .executable(name: "pepnet-fuzz", targets: ["PepnetFuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
    .target(
      name: "CNcurses", path: "Sources/CNcurses",
      cSettings: [.define("NCURSES_WIDECHAR", to: "1"), .define("_XOPEN_SOURCE_EXTENDED", to: "1")],
      linkerSettings: [.linkedLibrary("ncursesw")]),
    .target(
      name: "PepnetNumerics", dependencies: ["CBLAS", "CDNNL"], path: "Sources/Numerics",
      swiftSettings: numericKernels, linkerSettings: [.linkedLibrary("openblas")]),
    .target(
      name: "PepnetModel", dependencies: ["PepnetNumerics"], path: "Sources/Model",
      swiftSettings: numericKernels),
    .target(
      name: "PepnetData", dependencies: ["PepnetModel", "PepnetNumerics", "PepnetText"], path: "Sources/Data",
      swiftSettings: optimised),
    .target(
      name: "PepnetTraining", dependencies: ["PepnetData", "PepnetModel", "PepnetNumerics"],
      path: "Sources/Training", swiftSettings: optimised),
    .target(name: "PepnetText", path: "Sources/Text", swiftSettings: optimised),
    .target(
      name: "PepnetInference", dependencies: ["PepnetData", "PepnetModel", "PepnetNumerics", "PepnetText"],
      path: "Sources/Inference", swiftSettings: optimised),
    .target(
      name: "PepnetExplorer", dependencies: ["PepnetText", "CNcurses"], path: "Sources/Explorer",
      swiftSettings: optimised),
    .executableTarget(
      name: "pepnet",
      dependencies: [
        "PepnetExplorer", "PepnetInference", "PepnetTraining", "PepnetData", "PepnetModel", "PepnetNumerics",
        "PepnetText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/CLI", swiftSettings: optimised),
    // libFuzzer harness of the parsers, beside the CLI (needs only PepnetData and below); a libFuzzer
    // binary only when built by scripts/fuzz.sh, a replayer of inputs otherwise.
    .target(name: "CFuzzer", path: "Sources/CFuzzer"),
    .executableTarget(
      name: "PepnetFuzz", dependencies: ["PepnetInference", "PepnetData", "PepnetModel", "CFuzzer"],
      path: "Sources/Fuzz"),
    .testTarget(name: "NumericsTests", dependencies: ["PepnetNumerics"]),
    .testTarget(name: "ModelTests", dependencies: ["PepnetModel", "PepnetNumerics"]),
    .testTarget(
      name: "DataTests", dependencies: ["PepnetData", "PepnetModel", "PepnetNumerics", "PepnetTraining"]),
    .testTarget(
      name: "InferenceTests",
      dependencies: ["PepnetInference", "PepnetModel", "PepnetNumerics", "PepnetText"]),
    .testTarget(
      name: "ExplorerTests", dependencies: ["PepnetExplorer", "PepnetText", "PepnetTestSupport"],
      exclude: ["Snapshots"]),
    // What the test targets share: the one locator of the built binary and process runner, the
    // tmux driver and the snapshot assertion.
    .target(name: "PepnetTestSupport", path: "Tests/Support"),
    .testTarget(name: "CLITests", dependencies: ["pepnet", "PepnetTestSupport"]),
    // The real binary under tmux (the explorer's terminal handling), apart from the unit tests.
    .testTarget(name: "EndToEndTests", dependencies: ["pepnet", "PepnetTestSupport"]),
  ],
  swiftLanguageModes: [.v5]
)
