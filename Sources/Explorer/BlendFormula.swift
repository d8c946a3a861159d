import PepnetText

/// The fusion formula of blend weights as the Rankings pane writes it, e.g.
/// `blend = long_view + like − 2·hate` (`--weights` text is parsed by `BlendWeights(parsing:)`).
extension BlendWeights {
  /// `blend = long_view + like + 0.5·comment − hate`: tasks with weight 0 left out, a weight of 1
  /// written as the task alone.
  static func formula(_ weights: [Float], tasks: [String], glyphs: Glyphs) -> String {
    let times = glyphs.isASCII ? "*" : "·"
    let minus = glyphs.isASCII ? "-" : "−"
    var text = ""
    for (t, task) in tasks.enumerated() where t < weights.count && weights[t] != 0 {
      let w = weights[t]
      let size = abs(w)
      let coefficient = size == 1 ? "" : NumberFormat.trimmed(size) + times
      if text.isEmpty {
        text = (w < 0 ? minus : "") + coefficient + task
      } else {
        text += (w < 0 ? " \(minus) " : " + ") + coefficient + task
      }
    }
    return "blend = " + (text.isEmpty ? "0" : text)
  }
}
