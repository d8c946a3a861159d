import CDNNL

/// The process's oneDNN CPU engine and what its dispatcher chose, for the bf16 matmul path.
///
/// oneDNN picks its kernels at run time from the CPU (and `ONEDNN_MAX_CPU_ISA`); bf16 is used only
/// when that choice has native bf16 dot products (AVX512-BF16, or AMX): on older ISAs oneDNN would
/// emulate bf16 more slowly than fp32, so pepnet stays in fp32 there.
public enum OneDNN {
  /// The CPU engine, created on first use and kept for the life of the process.
  nonisolated(unsafe) static let engine: dnnl_engine_t = {
    var engine: dnnl_engine_t?
    check(dnnl_engine_create(&engine, dnnl_cpu, 0), "creating the CPU engine")
    return engine!
  }()

  /// The ISA oneDNN's kernels are generated for (fixed once the first primitive exists).
  public static var effectiveISA: dnnl_cpu_isa_t { dnnl_get_effective_cpu_isa() }

  /// Whether the effective ISA has native bf16 arithmetic.
  public static var hasNativeBF16: Bool { supportsBF16(effectiveISA) }

  static func supportsBF16(_ isa: dnnl_cpu_isa_t) -> Bool {
    isa == dnnl_cpu_isa_avx512_core_bf16 || isa == dnnl_cpu_isa_avx512_core_amx
  }

  /// A short name of the effective ISA, as `ONEDNN_MAX_CPU_ISA` spells it, for reports.
  public static var isaName: String { name(of: effectiveISA) }

  static func name(of isa: dnnl_cpu_isa_t) -> String {
    switch isa {
    case dnnl_cpu_isa_sse41: return "sse41"
    case dnnl_cpu_isa_avx: return "avx"
    case dnnl_cpu_isa_avx2: return "avx2"
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni"
    case dnnl_cpu_isa_avx512_mic: return "avx512_mic"
    case dnnl_cpu_isa_avx512_mic_4ops: return "avx512_mic_4ops"
    case dnnl_cpu_isa_avx512_core: return "avx512_core"
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni"
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16"
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx"
    default: return "isa 0x" + String(isa.rawValue, radix: 16)
    }
  }

  /// Caps the ISA oneDNN may use, as `ONEDNN_MAX_CPU_ISA=AVX2` does; only effective before the
  /// first primitive is created. Returns whether oneDNN accepted it.
  @discardableResult public static func limitISA(to isa: dnnl_cpu_isa_t) -> Bool {
    dnnl_set_max_cpu_isa(isa) == dnnl_success
  }

  /// Sets the number of OpenMP threads oneDNN's primitives use when called from this thread.
  /// Inside pepnet's own data-parallel shards this is 1, so the two kinds of threads never compete.
  public static func setThreadsForThisThread(_ n: Int) {
    _ = pepnet_omp_set_num_threads(Int32(max(1, n)))
  }

  /// A new stream on the engine: each thread that runs primitives owns one.
  static func makeStream() -> dnnl_stream_t {
    var stream: dnnl_stream_t?
    check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "creating a stream")
    return stream!
  }

  /// A memory object of `desc` on the engine, its data handle set later.
  static func memory(_ desc: inout dnnl_memory_desc_t) -> dnnl_memory_t {
    var memory: dnnl_memory_t?
    check(dnnl_memory_create(&memory, &desc, engine, nil), "memory")
    return memory!
  }

  /// Runs `primitive` with `args` on `stream` and waits for it.
  static func execute(
    _ primitive: dnnl_primitive_t, _ args: [dnnl_exec_arg_t], on stream: dnnl_stream_t,
    _ what: @autoclosure () -> String
  ) {
    check(dnnl_primitive_execute(primitive, stream, Int32(args.count), args), what())
    check(dnnl_stream_wait(stream), "stream wait")
  }

  /// A oneDNN call that cannot fail on valid shapes; a failure is a programming error.
  static func check(_ status: dnnl_status_t, _ what: @autoclosure () -> String) {
    precondition(status == dnnl_success, "oneDNN: \(what()) failed with status \(status.rawValue)")
  }
}
