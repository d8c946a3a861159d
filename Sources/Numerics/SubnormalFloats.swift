import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Subnormal floats (below 1.2e-38) are 10 to 100 times slower on x86 SSE/AVX. Saturated gate
/// sigmoids and vanishing Adam moments produce them late in training: a PEPNet epoch went from
/// 14 s to 134 s, nearly all of it in sgemm. Flushing them to zero (MXCSR FTZ and DAZ) changes
/// no result above 1e-38. The mode is per thread.
public enum SubnormalFloats {
  /// Sets flush-to-zero and denormals-are-zero on the calling thread (x86-64 Linux; no-op elsewhere).
  public static func flushToZero() {
    #if canImport(Glibc) && arch(x86_64)
      var env = fenv_t()
      fegetenv(&env)
      if env.__mxcsr & 0x8040 != 0x8040 {
        env.__mxcsr |= 0x8040
        fesetenv(&env)
      }
    #endif
  }

  /// Sets the mode on the calling thread and on the dispatch worker threads that
  /// `DispatchQueue.concurrentPerform` uses.
  public static func flushToZeroOnAllThreads() {
    flushToZero()
    DispatchQueue.concurrentPerform(iterations: 64) { _ in flushToZero() }
  }
}
