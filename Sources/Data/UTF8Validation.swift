/// Finds the first byte that is not part of well-formed UTF-8, so that ingest can report invalid
/// text where it is (`file:line:column`) instead of turning it into U+FFFD and failing later
/// with a misleading message such as a duplicate id.
enum UTF8Validation {
  /// The offset of the first byte of the first ill-formed sequence in `bytes`, or nil if all of
  /// it is UTF-8. Overlong forms, surrogates and code points above U+10FFFF are ill-formed.
  static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      // The accepted range of the second byte depends on the first (Unicode table 3-7).
      var length = 0
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return i
      }
      guard i + length <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
      for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }
}
