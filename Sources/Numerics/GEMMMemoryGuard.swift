#if canImport(Glibc)
  import Glibc
#endif

/// Turns running out of address space in a GEMM into a one-line "out of memory".
///
/// OpenBLAS (0.3.21, Debian 12) gives each thread that runs a GEMM a 128 MiB work buffer, taken
/// from a pool on the first GEMM that finds no free one. `blas_memory_alloc` tries `mmap`, then
/// `malloc`, and when both fail it starts over, forever: under `ulimit -v 400000` `pepnet rank`
/// spun at 100% CPU instead of failing. Scoring's oneDNN matmuls need no such buffer, but with
/// the address space nearly gone the next allocation of an activation or a oneDNN scratchpad
/// fails, and Swift stops the process with a crash. So when the process has an address-space
/// limit (`RLIMIT_AS`; none is the usual case, and then nothing is checked), every GEMM, OpenBLAS's
/// or oneDNN's, first maps and unmaps a region of the buffer's size with the flags OpenBLAS uses:
/// if that fails, pepnet says "out of memory" and exits with status 1 instead (a check and the
/// allocations that follow it are not atomic: another thread may take the room in between, which
/// the next GEMM's check then reports; and with less than a buffer's room left a run that would
/// have fitted is refused).
public enum GEMMMemoryGuard {
  /// OpenBLAS's `BUFFER_SIZE` on x86-64 (`32 << 22`) plus the page it adds.
  static let bufferBytes = (32 << 22) + 4096

  /// Whether an address-space limit is set (read once: a process cannot raise its own hard limit
  /// past it, and pepnet never lowers it).
  static let limited: Bool = {
    var limit = rlimit()
    return getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
  }()

  /// Called before every GEMM: returns at once without a limit; with one, exits with "out of
  /// memory" when OpenBLAS could not get another work buffer.
  @inline(__always) static func check() {
    if limited && !canMapBuffer() { outOfMemory() }
  }

  /// Whether a buffer-sized private anonymous mapping can be made now (it is unmapped at once and
  /// never touched, so it costs address space only for the instant of the check).
  static func canMapBuffer() -> Bool {
    let region = mmap(nil, bufferBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let region, region != UnsafeMutableRawPointer(bitPattern: -1) else { return false }
    munmap(region, bufferBytes)
    return true
  }

  static func outOfMemory() -> Never {
    var limit = rlimit()
    _ = getrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    let line =
      "pepnet: out of memory: the address-space limit (ulimit -v \(limit.rlim_cur / 1024)) leaves no room "
      + "for a \(bufferBytes >> 20) MiB GEMM work buffer\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    // Not exit(): OpenBLAS's exit handler takes the allocation lock, which a thread spinning in
    // blas_memory_alloc holds, and would wait forever. Buffered stdout is dropped, so no partial
    // output is printed either.
    _exit(1)
  }
}
