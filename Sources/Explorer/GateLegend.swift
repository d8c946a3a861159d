import PepnetText

/// The gate panes' legend lines and their plain-language sentences (issue 14, item 1): what the
/// scale and each abbreviated column mean, or, with `s`, one sentence per pane built from the
/// numbers the pane shows.
extension Explorer {
  /// "γ", or "gamma" for ASCII terminals.
  static func gammaName(_ glyphs: Glyphs) -> String { glyphs.isASCII ? "gamma" : "γ" }

  /// EPNet's legend: the scale, and what the last column is the difference to.
  static func epnetLegend(_ s: ExplorerState, gamma: Float) -> [String] {
    let dot = " \(s.glyphs.separator) "
    let scale =
      "0 damps\(dot)1 neutral\(dot)\(NumberFormat.trimmed(gamma)) (\(gammaName(s.glyphs))) amplifies"
    if s.pinned?.gates != nil && s.compareStyle == .difference {
      return [
        "bar = this gate - the pinned one: right amplifies more, left less",
        "Δpin = this gate - the pinned selection's",
      ]
    }
    let difference =
      s.pinned?.gates != nil
      ? "Δpin = this gate - the pinned selection's" : "Δavg = this item's gate - the domain's average"
    return [scale, difference]
  }

  /// PPNet's legend: the scale, the layer labels and the share columns.
  static func ppnetLegend(_ s: ExplorerState, gamma: Float, layers: Int) -> [String] {
    let dot = " \(s.glyphs.separator) "
    return [
      "0 damps\(dot)1 neutral\(dot)\(NumberFormat.trimmed(gamma)) amplifies\(dot)L1-\(max(1, layers)) layers",
      "<.5 >1.5: share of units below .5, above 1.5",
    ]
  }

  /// One sentence on the EPNet pane's numbers: the most amplified and the most damped field, with
  /// their gates and their difference to the reference shown in the last column.
  static func epnetSentence(_ s: ExplorerState, _ display: GateDisplay) -> String? {
    let fields = display.target.epnet
    guard !fields.isEmpty, s.catalog.domains.indices.contains(display.domain) else { return nil }
    let p = display.progress(s.now)
    let values = fields.indices.map { display.epMean($0, p) }
    let pin = s.pinned?.gates
    func delta(_ f: Int) -> String {
      let reference: Float
      if let pin, f < pin.epnet.count {
        reference = pin.epnet[f].mean
      } else {
        reference = f < display.average.count ? display.average[f] : display.target.gamma / 2
      }
      return NumberFormat.short(values[f] - reference, 2, plus: true)
    }
    let hi = values.indices.max { values[$0] < values[$1] }!
    let lo = values.indices.min { values[$0] < values[$1] }!
    let domain = s.catalog.domains[display.domain]
    let user = s.catalog.users.indices.contains(display.user) ? s.catalog.users[display.user].id : "?"
    let against = pin != nil ? "the pinned selection" : "the domain's average"
    let reference = pin != nil ? "Δpin" : "Δavg"
    func gate(_ f: Int) -> String { "\(fields[f].field) ×\(NumberFormat.fixed(values[f], 2))" }
    if values[hi] > 1 && values[lo] < 1 {
      return
        "In \(domain) the model amplifies \(gate(hi)) and damps \(gate(lo)) for \(user) and this item "
        + "(\(reference) \(delta(hi)), \(delta(lo)))."
    }
    let (verb, f) = values[hi] <= 1 ? ("damps", lo) : ("amplifies", hi)
    return
      "In \(domain), the model \(verb) every field for \(user) and this item, \(fields[f].field) most "
      + "(×\(NumberFormat.fixed(values[f], 2)); \(delta(f)) against \(against))."
  }

  /// One sentence on the PPNet row under the cursor: its mean, range and the shares the row shows.
  static func ppnetSentence(_ s: ExplorerState, _ display: GateDisplay) -> String? {
    let rows = ppnetRows(display.target)
    guard !rows.isEmpty else { return nil }
    let (t, l) = rows[min(max(0, s.ppnetCursor), rows.count - 1)]
    let p = display.progress(s.now)
    let count = display.target.ppnet[t][l].count
    var stats = GateStats(low: 0.5, high: 1.5)
    for k in 0..<count { stats.add(display.ppValue(t, l, k, p)) }
    let task = t < s.catalog.tasks.count ? s.catalog.tasks[t] : "task\(t)"
    let user = s.catalog.users.indices.contains(display.user) ? s.catalog.users[display.user].id : "?"
    return
      "For \(user) and this item PPNet scales \(task) L\(l + 1) by \(NumberFormat.fixed(stats.mean, 2)) on average "
      + "(\(NumberFormat.short(stats.min, 2)) to \(NumberFormat.short(stats.max, 2))): "
      + "\(NumberFormat.percent(stats.shareBelow)) of its \(count) units damp below .5, "
      + "\(NumberFormat.percent(stats.shareAbove)) amplify above 1.5."
  }

  /// Draws a legend (one line per row) or, when sentences are on and there is one, the sentence
  /// wrapped over the rows.
  static func drawLegend(
    _ grid: inout CellGrid, _ s: ExplorerState, _ rect: Rect, legend: [String], sentence: String?
  ) {
    guard !rect.isEmpty else { return }
    if s.showSentences, let sentence {
      let lines = wrap(sentence, width: rect.width)
      for (n, line) in lines.prefix(rect.height).enumerated() {
        let cut = n == rect.height - 1 && lines.count > rect.height
        grid.write(
          rect.x, rect.y + n, cut ? line + " " + String(s.glyphs.ellipsis) : line, Style(fg: Palette.text),
          maxWidth: rect.width,
          ellipsis: s.glyphs.ellipsis)
      }
      return
    }
    // With a single row, both legend lines share it (cut at its end).
    let lines = rect.height >= legend.count ? legend : [legend.joined(separator: " \(s.glyphs.separator) ")]
    for (n, line) in lines.prefix(rect.height).enumerated() {
      grid.write(
        rect.x, rect.y + n, line, Style(fg: Palette.muted), maxWidth: rect.width, ellipsis: s.glyphs.ellipsis)
    }
  }
}
