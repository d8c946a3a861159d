import ArgumentParser
import Foundation
import PepnetModel
import PepnetNumerics

/// `pepnet bench train`: training samples/s and GFLOP/s on the standard configuration.
struct BenchTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Training throughput (samples/s, GFLOP/s) on the standard configuration.")

  @OptionGroup var benchmark: BenchmarkOptions
  @Flag(help: "Parallelise inside each GEMM (OpenBLAS threads) instead of across batch shards.")
  var blasParallel = false
  @Option(help: "Warm-up steps (not timed).") var warmup = 5
  @Option(help: "Timed steps.") var steps = 30
  @Option(
    help: ArgumentHelp(
      "Arithmetic of the training GEMMs: auto, fp32 or bf16 (bf16 needs AVX512-BF16 or AMX; fp32"
        + " otherwise). auto: fp32, as train."))
  var precision: RequestedPrecision = .auto

  func validate() throws {
    try benchmark.checkThreads()
    // Every step's batch is made up front.
    try checkRange("--warmup", warmup, 0...1000)
    try checkRange("--steps", steps, 1...1000)
  }

  func run() throws {
    let threads = benchmark.threads
    let (model, config, shards) = try benchmark.prepare(blasParallel: blasParallel)
    let precision = precision.resolved(autoPrefersBF16: false)
    let step = TrainingStep(
      model: model, optimizer: OptimizerSettings(learningRate: 1e-3), threads: shards, precision: precision)
    var rng = SeededRNG(seed: 0)
    let batches = (0..<(warmup + steps)).map { _ in
      StandardBenchmark.randomBatch(config: config, size: StandardBenchmark.batchSize, rng: &rng)
    }
    var times: [Double] = []
    var losses: [Double] = []
    for (i, batch) in batches.enumerated() {
      if i == warmup { step.times = PhaseTimes() }
      let t0 = monotonicSeconds()
      losses.append(step.train(on: batch))
      if i >= warmup { times.append(monotonicSeconds() - t0) }
    }
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    let macs = StandardBenchmark.forwardMultiplyAdds(config: config)
    let samplesPerSecond = Double(StandardBenchmark.batchSize) / median
    // Training = forward + backward (input and weight gradients) = 3x the forward multiply-adds.
    let gflops = samplesPerSecond * Double(macs) * 2 * 3 / 1e9
    let result: [String: Any] = [
      "impl": "pepnet-swift", "mode": "train", "threads": threads,
      "options": benchmark.optionsName, "parallelism": blasParallel ? "blas" : "data",
      "precision": precision.rawValue, "onednn_isa": OneDNN.isaName,
      "step_s_median": median, "step_s_min": sorted.first!, "step_s_max": sorted.last!,
      "samples_per_s": samplesPerSecond, "forward_macs_per_sample": macs, "gflops": gflops,
      "loss_first": losses.first!, "loss_last": losses.last!,
      "phase_s": [
        "forward": step.times.forward / Double(steps), "backward": step.times.backward / Double(steps),
        "optimizer": step.times.optimizer / Double(steps),
      ],
      "peak_rss_mib": PeakMemory.residentMiB(),
    ]
    let line = String(
      data: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), encoding: .utf8)!
    // The results file first: when it cannot be written, nothing is printed.
    try benchmark.record(line)
    try StandardOutput.writeLines([
      String(
        format: "train (%@ options, %d threads, %@): %.0f samples/s, %.1f GFLOP/s, step median %.1f ms"
          + " (forward %.1f, backward %.1f, optimiser %.1f ms), peak RSS %.0f MiB",
        benchmark.optionsName, threads, precision.rawValue, samplesPerSecond, gflops, median * 1e3,
        step.times.forward / Double(steps) * 1e3, step.times.backward / Double(steps) * 1e3,
        step.times.optimizer / Double(steps) * 1e3, PeakMemory.residentMiB()),
      line,
    ])
  }
}
