/// The help overlay's glossary: every abbreviation and column the panes and views show, so that a
/// frame can be read without the docs (issue 14, item 1).
extension Explorer {
  public static let glossary: [(term: String, meaning: String)] = [
    ("Users", "id, then profile columns"),
    // Glyphs.unknown (ASCII `?`, as the help's text is transliterated).
    ("°", "unknown id: OOV embedding"),
    ("Σw·p", "blend: Σ weight × prob."),
    ("gate", "multiplier: 0 to γ (2)"),
    ("", "0 damps, 1 is neutral"),
    ("general", "the fields EPNet gates"),
    ("Δavg", "gate - domain's average"),
    ("Δpin", "gate - the pinned one's"),
    ("dims", "field's gate per element"),
    ("L1-L3", "PPNet's tower layers"),
    ("<.5 >1.5", "units below .5, over 1.5"),
    ("p10-p90", "spread across users"),
    ("saturated", "within .05 of 0 or γ"),
    ("neutral", "within .05 of 1"),
    ("dead", "spread below .01"),
    ("#a→#o", "rank: average → own gates"),
    ("ρ", "Spearman rank correlation"),
  ]

  /// The glossary as help lines: the help overlay's second page (Tab).
  static func glossaryLines() -> [(keys: String, text: String, isSection: Bool)] {
    [(keys: "", text: "Legend", isSection: true)]
      + glossary.map { (keys: $0.term, text: $0.meaning, isSection: false) }
      + [(keys: "", text: "Mouse", isSection: true)]
      + KeyMap.mouse.map { (keys: $0.gesture, text: $0.action, isSection: false) }
  }
}
