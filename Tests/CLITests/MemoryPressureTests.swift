import Foundation
import Testing

/// `pepnet rank` under an address-space limit (`ulimit -v`, set by a shell that then runs the
/// binary, so it needs more than one command line): OpenBLAS cannot get its 128 MiB work buffer
/// and used to retry forever at 100% CPU (the harness then kills it after 60 s), and scoring's
/// oneDNN matmuls crashed on the next failed allocation. It must say
/// "out of memory" in one line, print nothing on stdout and exit with status 1
/// (`GEMMMemoryGuard`).
@Suite struct MemoryPressureTests {
  /// 250,000 KiB: enough for the binary (debug or release) and the tiny bundle, too little for
  /// OpenBLAS's buffer on top.
  @Test func rankUnderAnAddressSpaceLimitSaysOutOfMemory() throws {
    let fixture = try ErrorFixture.shared.get()
    let command = [fixture.binary, "rank", "--model", fixture.model, "--user", "u1", "--domain", "featured"]
    let r = try fixture.run(
      ["-c", "ulimit -v 250000 && exec " + command.map(shellQuote).joined(separator: " ")],
      executable: "/bin/sh")
    #expect(r.status == 1, "\(r.stderr)")
    #expect(
      r.stderr
        == "pepnet: out of memory: the address-space limit (ulimit -v 250000) leaves no room for a 128 MiB GEMM work buffer\n"
    )
    #expect(r.stdout.isEmpty)
  }
}
