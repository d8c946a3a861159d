/// Byte-level parsers for label and probability cells, used in the ingest hot path.
enum FieldParsing {
  /// A label cell: 1, 0, or -1 for a missing one; nil if it is anything else. Accepted, as
  /// exported logs write them (pandas writes `1.0` for an integer column holding a NaN):
  /// `1`, `1.0`, `true` (any case) are 1; `0`, `0.0`, `false` are 0; empty, `NA`, `NaN`, `nan`
  /// are missing.
  @inline(__always) static func label(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8? {
    if bytes.count == 1 {
      let c = bytes[0]
      if c == UInt8(ascii: "1") { return 1 }
      if c == UInt8(ascii: "0") { return 0 }
      return nil
    }
    if bytes.isEmpty { return -1 }
    return wordLabel(bytes)
  }

  /// The spelled-out labels, off the hot path of `0` and `1`.
  static func wordLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8? {
    guard bytes.count <= 5 else { return nil }
    switch String(decoding: bytes, as: UTF8.self) {
    case "1.0": return 1
    case "0.0": return 0
    case "NA", "NaN", "nan": return -1
    case let word:
      switch word.lowercased() {
      case "true": return 1
      case "false": return 0
      default: return nil
      }
    }
  }

  /// A decimal number such as `0.0312`, `1`, `-2.5e-3`; nil if malformed. Plain decimals are
  /// parsed by hand; anything with an exponent falls back to the standard parser.
  @inline(__always) static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
    var i = 0
    let n = bytes.count
    if n == 0 { return nil }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var scale = 0
    var seenPoint = false
    while i < n {
      let c = bytes[i]
      if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        if digits < 18 {
          mantissa = mantissa * 10 + UInt64(c - UInt8(ascii: "0"))
          digits += 1
          if seenPoint { scale += 1 }
        } else if !seenPoint {
          scale -= 1
        }
      } else if c == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else {
        return Float(String(decoding: bytes, as: UTF8.self))
      }
      i += 1
    }
    if digits == 0 { return nil }
    var value = Double(mantissa)
    if scale > 0 { value /= pow10(scale) } else if scale < 0 { value *= pow10(-scale) }
    return Float(negative ? -value : value)
  }

  @inline(__always) private static func pow10(_ k: Int) -> Double {
    var r = 1.0
    for _ in 0..<k { r *= 10 }
    return r
  }
}
