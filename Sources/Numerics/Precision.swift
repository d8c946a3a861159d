/// The arithmetic a forward pass runs in.
public enum Precision: String, CaseIterable, Codable, Sendable {
  /// Single precision throughout: OpenBLAS's sgemm in training, oneDNN's fp32 matmul in scoring
  /// (`FP32Inference`).
  case fp32
  /// GEMM inputs rounded to bfloat16, products accumulated in fp32 (oneDNN matmul).
  case bf16
}

/// What a user asks for on the command line: `auto` lets the command choose.
public enum RequestedPrecision: String, CaseIterable, Sendable {
  case auto, fp32, bf16

  /// The precision to run at. `bf16` (asked for, or chosen by `auto` when `autoPrefersBF16`) is
  /// granted only when oneDNN runs on an ISA with native bf16 (AVX512-BF16 or AMX); otherwise fp32,
  /// which gives the right result on any CPU.
  public func resolved(autoPrefersBF16: Bool) -> Precision {
    let wantsBF16 = self == .bf16 || (self == .auto && autoPrefersBF16)
    return wantsBF16 && OneDNN.hasNativeBF16 ? .bf16 : .fp32
  }
}
