/// A scan of JSON text for what Foundation's decoders accept silently or report badly: an object
/// repeating a key (JSONSerialization and JSONDecoder keep one of the values without a word), and
/// nesting deeper than any pepnet file needs (Foundation's limit says only "not valid JSON").
///
/// It only follows strings, brackets, commas and colons; anything else (numbers, literals, syntax
/// errors) is left to the decoder, which reports malformed JSON itself.
public enum JSONStructureCheck {
  /// The deepest nesting of objects and arrays accepted; pepnet's own files use fewer than 10.
  public static let maxDepth = 64

  /// A one-line description of the first problem in `bytes`, or nil.
  public static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    /// One open object or array: where it sits (for messages) and, for objects, the keys seen.
    struct Container {
      var isObject: Bool
      var path: String
      var keys: Set<String> = []
      var expectingKey: Bool
      var lastKey = ""
      var index = 0
    }
    var stack: [Container] = []
    var line = 1
    var i = 0
    let n = bytes.count
    let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    func childPath() -> String {
      guard let top = stack.last else { return "" }
      let step = top.isObject ? top.lastKey : "[\(top.index)]"
      return top.path.isEmpty ? step : top.isObject ? "\(top.path).\(step)" : "\(top.path)\(step)"
    }

    while i < n {
      let c = bytes[i]
      switch c {
      case quote:
        let begin = i + 1
        var escaped = false
        i += 1
        while i < n && bytes[i] != quote {
          if bytes[i] == backslash {
            escaped = true
            i += 1
          }
          i += 1
        }
        guard i < n else { return nil }  // unterminated: the decoder says so
        if let top = stack.last, top.isObject, top.expectingKey {
          let raw = UnsafeBufferPointer(rebasing: bytes[begin..<i])
          let key = escaped ? unescape(raw) : String(decoding: raw, as: UTF8.self)
          guard let key else { return nil }
          if stack[stack.count - 1].keys.insert(key).inserted == false {
            let at = top.path.isEmpty ? "" : " in '\(top.path)'"
            return "duplicate key '\(key)'\(at) at line \(line); a key may appear once in an object"
          }
          stack[stack.count - 1].lastKey = key
          stack[stack.count - 1].expectingKey = false
        }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        guard stack.count < maxDepth else {
          return "nested more than \(maxDepth) levels deep at line \(line) (pepnet reads at most \(maxDepth))"
        }
        let isObject = c == UInt8(ascii: "{")
        stack.append(Container(isObject: isObject, path: childPath(), expectingKey: isObject))
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        guard stack.popLast() != nil else { return nil }
      case UInt8(ascii: ","):
        guard !stack.isEmpty else { return nil }
        if stack[stack.count - 1].isObject {
          stack[stack.count - 1].expectingKey = true
        } else {
          stack[stack.count - 1].index += 1
        }
      case UInt8(ascii: "\n"): line += 1
      default: break
      }
      i += 1
    }
    return nil
  }

  /// The value of a JSON string's contents with escapes (`\n`, `\u00e9`, surrogate pairs), or nil
  /// if an escape is malformed (the decoder then reports it).
  static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
    var scalars = String.UnicodeScalarView()
    var bytes: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
      bytes.removeAll(keepingCapacity: true)
    }
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= raw.count else { return nil }
      var v: UInt32 = 0
      for k in at..<at + 4 {
        guard let d = hexDigit(raw[k]) else { return nil }
        v = v << 4 | d
      }
      return v
    }
    var i = 0
    while i < raw.count {
      let b = raw[i]
      guard b == UInt8(ascii: "\\") else {
        bytes.append(b)
        i += 1
        continue
      }
      guard i + 1 < raw.count else { return nil }
      let e = raw[i + 1]
      i += 2
      if let s = simpleEscapes[e] {
        bytes.append(s)
        continue
      }
      guard e == UInt8(ascii: "u"), var code = hex4(i) else { return nil }
      i += 4
      if (0xD800..<0xDC00).contains(code) {
        guard i + 1 < raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
          let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
        else { return nil }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        i += 6
      }
      guard let scalar = Unicode.Scalar(code) else { return nil }
      flush()
      scalars.append(scalar)
    }
    flush()
    return String(scalars)
  }

  /// The byte each one-letter escape stands for (`\n` is 0x0A, ...).
  private static let simpleEscapes: [UInt8: UInt8] = [
    UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
    UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
  ]

  private static func hexDigit(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }
}
