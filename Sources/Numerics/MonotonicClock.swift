#if canImport(Glibc)
  import Glibc
#endif

/// A monotonic clock in seconds, for timing (training phases, benchmarks, progress): unaffected by
/// changes of the wall clock.
@inline(__always) public func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
