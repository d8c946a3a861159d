#if canImport(Glibc)
  import Glibc
#endif

/// The process's peak resident set size, from getrusage (kilobytes on Linux).
public enum PeakMemory {
  public static func residentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }
}
