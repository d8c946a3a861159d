import ArgumentParser
import Foundation
import PepnetData
import PepnetNumerics

/// `pepnet bench ingest`: how fast a dataset's train split is tokenised, and built into a
/// feature pipeline and encoded (rows/s, MB/s).
struct BenchIngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest", abstract: "Ingest throughput (rows/s, MB/s) for a dataset's train split.")

  @Option(help: "Dataset folder (with schema.json).") var data: String
  @Option(help: "Timed repetitions (the best is reported).") var repeats = 3
  @Option(help: "Append the result as one JSON line to this file.") var out: String?

  func validate() throws {
    try checkRange("--repeats", repeats, 1...100)
  }

  func run() throws {
    try checkAppendable(out)
    let dataset = try Dataset(directory: URL(fileURLWithPath: data))
    let path = dataset.path(of: .train)

    func best<T>(_ body: () throws -> T) rethrows -> (T, Double) {
      var result: T? = nil
      var fastest = Double.infinity
      for _ in 0..<max(1, repeats) {
        let t0 = monotonicSeconds()
        result = try body()
        fastest = min(fastest, monotonicSeconds() - t0)
      }
      return (result!, fastest)
    }

    // 1. Tokenise only.
    let ((rows, bytes), parseSeconds) = try best { () -> (Int, Int) in
      let reader = try CSVReader(path: path)
      var rows = 0
      // `next()` parses the whole record (every field located, quoted fields unescaped): that is
      // the work timed, and it cannot be optimised away (it reads the file and may throw).
      while try reader.next() { rows += 1 }
      return (rows, reader.bytesRead)
    }
    // 2. Build the pipeline (train pass + side files).
    let (pipeline, buildSeconds) = try best { try FeaturePipeline.build(dataset: dataset) }
    // 3. Encode the train split.
    let (encoded, encodeSeconds) = try best {
      try EncodedDataset(dataset: dataset, split: .train, pipeline: pipeline)
    }
    precondition(encoded.count == rows)

    let mb = Double(bytes) / 1e6
    func line(_ name: String, _ s: Double) -> String {
      String(format: "%@: %.0f rows/s, %.0f MB/s (%.3f s)", name, Double(rows) / s, mb / s, s)
    }
    let result: [String: Any] = [
      "mode": "ingest", "rows": rows, "bytes": bytes, "tokenise_rows_per_s": Double(rows) / parseSeconds,
      "build_rows_per_s": Double(rows) / buildSeconds, "encode_rows_per_s": Double(rows) / encodeSeconds,
      "encode_mb_per_s": mb / encodeSeconds,
    ]
    let json = String(
      data: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), encoding: .utf8)!
    // The results file first: when it cannot be written, nothing is printed.
    if let out { try appendLine(json, to: out) }
    try StandardOutput.writeLines([
      "\(path): \(rows) rows, \(String(format: "%.1f", mb)) MB", line("tokenise", parseSeconds),
      line("build pipeline", buildSeconds), line("encode", encodeSeconds), json,
    ])
  }
}
