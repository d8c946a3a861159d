import PepnetText

/// Small allocation-light number formatting for the view (no Foundation formatters per frame).
enum NumberFormat {
  /// `value` with `decimals` fixed decimals, e.g. `fixed(0.8734, 3)` is `0.873`.
  static func fixed(_ value: Float, _ decimals: Int, plus: Bool = false) -> String {
    guard value.isFinite else { return "nan" }
    var scale: Float = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let negative = value < 0 && scaled != 0
    let whole = scaled / Int(scale)
    var text = negative ? "-" : (plus ? "+" : "")
    text += String(whole)
    if decimals > 0 {
      var fraction = String(scaled % Int(scale))
      while fraction.count < decimals { fraction = "0" + fraction }
      text += "." + fraction
    }
    return text
  }

  /// A weight with at most one decimal and no trailing `.0`: `2`, `0.5`, `1.5`.
  static func trimmed(_ value: Float) -> String {
    let text = fixed(value, 1)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// Like `fixed` but without the leading zero: `.873`, `-.12`.
  static func short(_ value: Float, _ decimals: Int, plus: Bool = false) -> String {
    var text = fixed(value, decimals, plus: plus)
    if text.hasPrefix("0.") {
      text.removeFirst()
    } else if text.hasPrefix("-0.") || text.hasPrefix("+0.") {
      text.remove(at: text.index(after: text.startIndex))
    }
    return text
  }

  /// A whole percentage, e.g. `12%`.
  static func percent(_ fraction: Float) -> String { String(Int((fraction * 100).rounded())) + "%" }

  /// `text` padded with spaces (or cut) to exactly `width` cells of display width; right-aligned
  /// when asked.
  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let n = DisplayWidth.of(text)
    if n > width { return DisplayWidth.truncate(text, to: width, ellipsis: "") }
    let spaces = String(repeating: " ", count: width - n)
    return right ? spaces + text : text + spaces
  }
}
