import CBLAS

#if canImport(Glibc)
  import Glibc
#endif

/// Makes OpenBLAS use fast kernels on processors newer than the installed OpenBLAS knows.
///
/// Debian 12's OpenBLAS 0.3.21 does not recognise recent Xeons (e.g. Sapphire/Emerald Rapids) and
/// falls back to its generic "Prescott" SSE3 kernels: about 30 GFLOP/s instead of 180 for a
/// 1024^3 SGEMM on this machine kind. OpenBLAS reads `OPENBLAS_CORETYPE` only when it is loaded, so
/// the choice has to be made before the process starts: if the variable is unset, OpenBLAS chose
/// Prescott, and the CPU has AVX-512 (or AVX2), we set it to SkylakeX (or Haswell) and re-execute
/// the same program once. An explicit `OPENBLAS_CORETYPE` is always respected.
public enum BLASKernelSelection {
  public static var coreName: String { String(cString: openblas_get_corename()) }

  /// The core type to request, or nil when OpenBLAS's own choice should stand.
  public static func preferredCoreType(
    cpuFlags: Set<Substring>, currentCore: String, environmentValue: String?
  )
    -> String?
  {
    guard environmentValue == nil, currentCore.lowercased() == "prescott" else { return nil }
    if cpuFlags.contains("avx512f") && cpuFlags.contains("avx512bw") && cpuFlags.contains("avx512vl") {
      return "SkylakeX"
    }
    if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
    return nil
  }

  /// Re-executes the running program with a better `OPENBLAS_CORETYPE` when `preferredCoreType`
  /// says so. Returns normally when nothing needs doing or the re-exec is impossible.
  public static func reexecIfNeeded() {
    let current = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
    guard getenv("PEPNET_NO_BLAS_REEXEC") == nil,
      let core = preferredCoreType(cpuFlags: cpuFlags(), currentCore: coreName, environmentValue: current)
    else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv("PEPNET_NO_BLAS_REEXEC", "1", 1)
    var args = CommandLine.arguments.map { strdup($0) }
    args.append(nil)
    execv("/proc/self/exe", &args)
    // execv only returns on failure: carry on with the slow kernels.
  }

  static func cpuFlags() -> Set<Substring> {
    guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    while getline(&line, &capacity, file) > 0 {
      let text = String(cString: line!)
      if text.hasPrefix("flags") {
        free(line)
        guard let colon = text.firstIndex(of: ":") else { return [] }
        return Set(text[text.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\n" }))
      }
    }
    free(line)
    return []
  }
}
