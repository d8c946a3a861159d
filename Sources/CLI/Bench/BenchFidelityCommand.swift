import ArgumentParser
import Foundation
import PepnetData
import PepnetInference
import PepnetNumerics

/// `pepnet bench fidelity`: bf16 scoring against fp32 on a bundle, over every domain and the first
/// `--users` users (all by default): max |Δprobability|, top-k overlap and rank correlation.
struct BenchFidelityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fidelity", abstract: "How far bf16 scoring moves the rankings from fp32.")

  @Option(help: "Model bundle directory.") var model: String = "sample-data/model"
  @Option(help: "Compare the first N users (default: all).") var users: Int?
  @Option(help: "Top-k size of the overlap.") var top = 20
  @Option(help: "Threads.") var threads = 2

  func validate() throws {
    try checkRange("--top", top, 1...1_000_000)
    try checkRange("--threads", threads, 1...256)
    if let users { try checkRange("--users", users, 1...100_000_000) }
  }

  func run() throws {
    let bundle = try ModelBundle.load(from: model)
    guard OneDNN.hasNativeBF16 else {
      throw CommandError("bf16 needs AVX512-BF16 or AMX; oneDNN runs on \(OneDNN.isaName) here")
    }
    BLASThreads.set(1)
    let fp32 = CatalogRanker(bundle: bundle, threads: threads, precision: .fp32)
    let bf16 = CatalogRanker(bundle: bundle, threads: threads, precision: .bf16)
    let count = min(users ?? Int.max, bundle.pipeline.users.count)
    let f = PrecisionFidelity.measure(fp32: fp32, bf16: bf16, users: 0..<count, top: top)
    let result: [String: Any] = [
      "mode": "fidelity", "cells": f.cells, "users": count, "domains": bundle.manifest.domains.count,
      "items": bundle.pipeline.items.count, "top": top, "max_abs_dprob": Double(f.maxAbsoluteDifference),
      "top_overlap_mean": f.meanTopOverlap, "top_overlap_min": f.minTopOverlap,
      "spearman_mean": f.meanRankCorrelation, "spearman_min": f.minRankCorrelation,
      "onednn_isa": OneDNN.isaName,
    ]
    let line = String(
      data: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), encoding: .utf8)!
    try StandardOutput.writeLines([
      String(
        format:
          "bf16 vs fp32 over %d (user, domain) cells of %d items: max |Δp| %.5f, top-%d overlap mean %.4f (min %.4f), Spearman mean %.6f (min %.6f)",
        f.cells, bundle.pipeline.items.count, Double(f.maxAbsoluteDifference), top, f.meanTopOverlap,
        f.minTopOverlap, f.meanRankCorrelation, f.minRankCorrelation),
      line,
    ])
  }
}
