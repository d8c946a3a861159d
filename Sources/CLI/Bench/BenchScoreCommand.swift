import ArgumentParser
import Foundation
import PepnetInference
import PepnetModel
import PepnetNumerics

/// `pepnet bench score`: time to score N candidates for one (user, domain) on the standard
/// configuration, as the PyTorch reference's `--mode infer` does (user, context and domain-side
/// ids fixed, item-side ids random).
struct BenchScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score", abstract: "Candidate-scoring latency on the standard configuration.")

  @OptionGroup var benchmark: BenchmarkOptions
  @Flag(help: "Parallelise inside each GEMM (OpenBLAS threads) instead of across candidate shards.")
  var blasParallel = false
  @Option(help: "Candidates per call.") var candidates = StandardBenchmark.candidates
  @Option(help: "Candidates per forward pass (memory bound).") var chunk = 1024
  @Option(help: "Warm-up calls.") var warmup = 3
  @Option(help: "Timed calls.") var calls = 20
  @Option(help: PrecisionOption.help(autoMeans: "bf16 when the CPU has bf16 hardware, else fp32"))
  var precision = RequestedPrecision.auto

  func validate() throws {
    try benchmark.checkThreads()
    try checkRange("--candidates", candidates, 1...100_000_000)
    try checkRange("--chunk", chunk, 1...65_536)
    try checkRange("--warmup", warmup, 0...10_000)
    try checkRange("--calls", calls, 1...10_000)
  }

  func run() throws {
    let threads = benchmark.threads
    let (model, config, shards) = try benchmark.prepare(blasParallel: blasParallel)
    let precision = precision.resolved(autoPrefersBF16: true)
    let scorer = Scorer(model: model, chunkSize: chunk, threads: shards, precision: precision)
    var rng = SeededRNG(seed: 1)
    // A pool of distinct candidates, a whole number of chunks (about 10,000); larger requests cycle
    // through it, so memory stays bounded however many candidates are scored.
    let poolChunks = max(1, (min(candidates, StandardBenchmark.candidates) + chunk - 1) / chunk)
    let all = StandardBenchmark.candidateBatch(config: config, size: poolChunks * chunk, rng: &rng)
    let batch = Batch(config: config, capacity: chunk)
    var scores: [Float] = []
    var times: [Double] = []
    for call in 0..<(warmup + calls) {
      let t0 = monotonicSeconds()
      var start = 0
      var k = 0
      while start < candidates {
        let end = min(start + chunk, candidates)
        let base = (k % poolChunks) * chunk
        batch.copyRows(of: all, range: base..<(base + end - start))
        k += 1
        scorer.probabilities(batch, into: &scores)
        start = end
      }
      if call >= warmup { times.append(monotonicSeconds() - t0) }
    }
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    let macs = StandardBenchmark.forwardMultiplyAdds(config: config)
    let gflops = Double(candidates) * Double(macs) * 2 / median / 1e9
    let result: [String: Any] = [
      "impl": "pepnet-swift", "mode": "score", "threads": threads,
      "options": benchmark.optionsName,
      "parallelism": blasParallel ? "blas" : "data", "candidates": candidates, "call_ms_median": median * 1e3,
      "call_ms_min": sorted.first! * 1e3,
      "call_ms_max": sorted.last! * 1e3, "ms_per_10k": median * 1e3 * 10_000 / Double(candidates),
      "ms_per_million": median * 1e3 * 1e6 / Double(candidates),
      "gflops": gflops, "peak_rss_mib": PeakMemory.residentMiB(), "precision": precision.rawValue,
      "onednn_isa": OneDNN.isaName,
    ]
    let line = String(
      data: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), encoding: .utf8)!
    // The results file first: when it cannot be written, nothing is printed.
    try benchmark.record(line)
    try StandardOutput.writeLines([
      String(
        format:
          "score (%@ options, %d threads, %@ on oneDNN ISA %@): %d candidates in %.1f ms (median of %d), %.1f ms per 10k, %.1f GFLOP/s, peak RSS %.0f MiB",
        benchmark.optionsName, threads, precision.rawValue, OneDNN.isaName, candidates,
        median * 1e3, calls,
        median * 1e3 * 10_000 / Double(candidates), gflops, PeakMemory.residentMiB()),
      line,
    ])
  }
}
