/// How many terminal cells text takes: East Asian wide characters (CJK, Hangul, full-width forms,
/// emoji shown as emoji) take two, combining marks and zero-width format characters none, the rest
/// one.
///
/// Shared by the explorer's cell grid and `rank`'s text table, so that titles such as `北京 2007`
/// line up in both. Lives in PepnetText, under both the explorer and the CLI, so neither needs the
/// other (and the explorer needs no model).
public enum DisplayWidth {
  /// The cells one scalar takes: 0, 1 or 2. Control characters count as one (they are shown as a
  /// space).
  @inline(__always)
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x300 { return 1 }
    return slowWidth(scalar)
  }

  /// The cells a string takes.
  public static func of(_ text: String) -> Int {
    var total = 0
    for scalar in text.unicodeScalars { total += of(scalar) }
    return total
  }

  /// `text` cut to at most `width` cells; a cut text ends with `ellipsis` within those cells.
  public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if of(text) <= width { return text }
    let room = width - of(ellipsis)
    guard room >= 0 else { return "" }
    var out = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let w = of(scalar)
      if used + w > room { break }
      out.append(scalar)
      used += w
    }
    return String(out) + ellipsis
  }

  /// `text` padded with spaces to at least `width` cells, on the right (or on the left when
  /// `right`, for right alignment). Never cuts.
  public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
    let n = of(text)
    guard n < width else { return text }
    let spaces = String(repeating: " ", count: width - n)
    return right ? spaces + text : text + spaces
  }

  static func slowWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul medial vowels and final consonants.
    if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F, by block).
  static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
      0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
      0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}

extension String {
  /// The cells this text takes in a terminal (`DisplayWidth.of`).
  public var displayWidth: Int { DisplayWidth.of(self) }
}
