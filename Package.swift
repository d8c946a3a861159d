// swift-tools-version: 6.1
import PackageDescription

/// Layering (each target imports only those below it):
/// PepnetNumerics -> PepnetModel -> PepnetData -> PepnetInference -> PepnetExplorer -> pepnet (CLI).
/// Release builds target Haswell (AVX2, FMA: every x86 server CPU since 2015) so the element-wise
/// kernels vectorise 8 wide; GEMMs are OpenBLAS's and pick their kernels at run time.
let optimised: [SwiftSetting] = [
  .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
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
      swiftSettings: optimised, linkerSettings: [.linkedLibrary("openblas")]),
    .target(
      name: "PepnetModel", dependencies: ["PepnetNumerics"], path: "Sources/Model",
      swiftSettings: optimised),
    .target(
      name: "PepnetData", dependencies: ["PepnetModel", "PepnetNumerics"], path: "Sources/Data",
      swiftSettings: optimised),
    .target(
      name: "PepnetInference", dependencies: ["PepnetData", "PepnetModel", "PepnetNumerics"],
      path: "Sources/Inference", swiftSettings: optimised),
    .target(
      name: "PepnetExplorer", dependencies: ["PepnetInference", "PepnetData", "PepnetModel", "CNcurses"],
      path: "Sources/Explorer", swiftSettings: optimised),
    .executableTarget(
      name: "pepnet",
      dependencies: [
        "PepnetExplorer", "PepnetInference", "PepnetData", "PepnetModel", "PepnetNumerics",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/CLI", swiftSettings: optimised),
    // libFuzzer harness of the parsers, beside the CLI (needs only PepnetData and below); a libFuzzer
    // binary only when built by scripts/fuzz.sh, a replayer of inputs otherwise.
    .target(name: "CFuzzer", path: "Sources/CFuzzer"),
    .executableTarget(
      name: "PepnetFuzz", dependencies: ["PepnetData", "PepnetModel", "CFuzzer"], path: "Sources/Fuzz"),
    .testTarget(name: "NumericsTests", dependencies: ["PepnetNumerics"]),
    .testTarget(name: "ModelTests", dependencies: ["PepnetModel", "PepnetNumerics"]),
    .testTarget(name: "DataTests", dependencies: ["PepnetData", "PepnetModel"]),
    .testTarget(name: "InferenceTests", dependencies: ["PepnetInference", "PepnetModel", "PepnetNumerics"]),
    .testTarget(
      name: "ExplorerTests", dependencies: ["PepnetExplorer", "PepnetInference", "PepnetData"],
      exclude: ["Snapshots"]),
    .testTarget(name: "CLITests", dependencies: ["pepnet"]),
  ],
  swiftLanguageModes: [.v5]
)
