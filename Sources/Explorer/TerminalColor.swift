/// Maps xterm-256 colour indices down to the 8 basic colours for terminals without 256 colours.
enum TerminalColor {
  /// The RGB value of an xterm-256 colour.
  static func rgb(_ index: UInt8) -> (Int, Int, Int) {
    let i = Int(index)
    if i < 16 {
      let basic = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229),
      ]
      let bright = i >= 8
      let (r, g, b) = basic[i % 8]
      return bright ? (min(255, r + 50), min(255, g + 50), min(255, b + 50)) : (r, g, b)
    }
    if i >= 232 {
      let v = 8 + (i - 232) * 10
      return (v, v, v)
    }
    let c = i - 16
    let levels = [0, 95, 135, 175, 215, 255]
    return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
  }

  /// The closest of the 8 basic colours (0 black ... 7 white), judged by hue; greys map to the
  /// terminal default (-1) so grey text stays readable on any background.
  static func nearestBasic(_ index: UInt8) -> Int {
    if index < 8 { return Int(index) }
    if index < 16 { return Int(index) - 8 }
    let (r, g, b) = rgb(index)
    let hi = max(r, g, b)
    let lo = min(r, g, b)
    if hi - lo < 40 { return -1 }
    let threshold = (hi + lo) / 2
    return (r > threshold ? 1 : 0) | (g > threshold ? 2 : 0) | (b > threshold ? 4 : 0)
  }

  /// Roughly how light each basic colour looks (0 black ... 1 white), by the usual luma weights.
  static let basicLightness: [Double] = [0, 0.30, 0.59, 0.89, 0.11, 0.41, 0.70, 1]
  /// The least lightness difference at which text reads (red on black passes, blue on black does not).
  static let minimumContrast = 0.25

  /// The lightness of a basic colour, or of the default (-1): a light foreground, a dark background.
  static func lightness(_ color: Int16, foreground: Bool) -> Double {
    guard color >= 0 && color < 8 else { return foreground ? 0.9 : 0 }
    return basicLightness[Int(color)]
  }

  /// A foreground that reads on `bg`: `fg` itself when it contrasts enough, else blue turned cyan
  /// (keeping its hue), else black or white, whichever stands out.
  static func readable(_ fg: Int16, on bg: Int16) -> Int16 {
    let background = lightness(bg, foreground: false)
    func reads(_ color: Int16) -> Bool {
      abs(lightness(color, foreground: true) - background) >= minimumContrast
    }
    if reads(fg) { return fg }
    if fg == 4 && reads(6) { return 6 }
    if fg == 1 && reads(3) { return 3 }
    return background > 0.5 ? 0 : 7
  }
}
