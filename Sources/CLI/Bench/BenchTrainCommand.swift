import ArgumentParser
import Foundation
import PepnetModel
import PepnetNumerics

/// `pepnet bench train`: training samples/s and GFLOP/s on the standard configuration.
struct BenchTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Training throughput (samples/s, GFLOP/s) on the standard configuration.")

  @Option(help: "Threads.") var threads = 2
  @Flag(help: "Parallelise inside each GEMM (OpenBLAS threads) instead of across batch shards.")
  var blasParallel = false
  @Option(help: "Warm-up steps (not timed).") var warmup = 5
  @Option(help: "Timed steps.") var steps = 30
  @Flag(help: "Use this project's default (paper-literal) PPNet options instead of the reference's.")
  var paperOptions = false
  @Option(help: "Append the result as one JSON line to this file.") var out: String?

  func validate() throws {
    try checkRange("--threads", threads, 1...256)
    // Every step's batch is made up front.
    try checkRange("--warmup", warmup, 0...1000)
    try checkRange("--steps", steps, 1...1000)
  }

  func run() throws {
    try checkAppendable(out)
    BLASThreads.set(blasParallel ? threads : 1)
    let config = StandardBenchmark.config(referenceOptions: !paperOptions)
    let model = PEPNet(config: config, seed: 0)
    let step = TrainingStep(
      model: model, optimizer: OptimizerSettings(learningRate: 1e-3), threads: blasParallel ? 1 : threads)
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
      "options": paperOptions ? "paper" : "reference", "parallelism": blasParallel ? "blas" : "data",
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
    if let out { try appendLine(line, to: out) }
    try StandardOutput.writeLines([
      String(
        format: "train (%@ options, %d threads): %.0f samples/s, %.1f GFLOP/s, step median %.1f ms"
          + " (forward %.1f, backward %.1f, optimiser %.1f ms), peak RSS %.0f MiB",
        paperOptions ? "paper" : "reference", threads, samplesPerSecond, gflops, median * 1e3,
        step.times.forward / Double(steps) * 1e3, step.times.backward / Double(steps) * 1e3,
        step.times.optimizer / Double(steps) * 1e3, PeakMemory.residentMiB()),
      line,
    ])
  }
}

/// A usage error unless `value` is in `range`.
func checkRange(_ option: String, _ value: Int, _ range: ClosedRange<Int>) throws {
  guard range.contains(value) else {
    throw ValidationError("\(option) must be in \(range.lowerBound)...\(range.upperBound); got \(value)")
  }
}

/// Fails before any work if `path` (a results file to append to) cannot be written, so a long
/// benchmark does not end in an error; nothing is created.
func checkAppendable(_ path: String?) throws {
  guard let path else { return }
  var isDirectory: ObjCBool = false
  let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
  let target = exists ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
  if isDirectory.boolValue { errno = EISDIR }
  guard !isDirectory.boolValue, access(target, W_OK) == 0 else {
    throw CommandError("\(path): cannot append to it: \(String(cString: strerror(errno)))")
  }
}

/// Appends `line` to the results file at `path` (created if missing), every write checked: a
/// full disk or a file that cannot be written is a failure naming the file, never a trap or a
/// line lost.
func appendLine(_ line: String, to path: String) throws {
  func failure(_ code: Int32) -> CommandError {
    CommandError("\(path): cannot append to it: \(String(cString: strerror(code)))")
  }
  guard let file = fopen(path, "a") else { throw failure(errno) }
  var text = line + "\n"
  let written = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count }
  let writeErrno = errno
  let closed = fclose(file) == 0
  if !written { throw failure(writeErrno) }
  if !closed { throw failure(errno) }
}
