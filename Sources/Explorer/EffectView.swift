import PepnetText

/// The effect view (`e`, issue 14 item 3): the selected (user, domain)'s ranking under the user's
/// own gates against the ranking under population-average gates (`a` cycles EPNet averaged within
/// the domain, PPNet averaged over users, both): top-k overlap, rank correlation, the biggest
/// movers both ways, and where the average ranking's top items went; the numbers of
/// `pepnet rank --gates`.
extension Explorer {
  static func drawEffect(_ grid: inout CellGrid, _ s: ExplorerState, _ body: Rect) {
    guard body.height >= 6 else { return }
    let tab = s.tab < s.catalog.tasks.count ? s.catalog.tasks[s.tab] : "blend"
    let (summary, rest) = body.splitTop(5)
    Widgets.box(
      &grid, summary, title: "Effect of personalisation", focused: true, glyphs: s.glyphs,
      note: "\(selectionLabel(s, user: s.user, domain: s.domain)) \(s.glyphs.separator) \(tab)")
    let inner = summary.inset(1)
    let muted = Style(fg: Palette.muted)
    grid.write(
      inner.x, inner.y,
      "Own gates against \(s.average.label) (\(s.average.rawValue)); a: next, ← →: task, ↑↓: user",
      muted, maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
    let current = effectIsCurrent(s)
    guard let effect = s.effect, s.effectRequest != nil else {
      let text =
        s.pendingEffect != nil
        ? "\(s.glyphs.busy) ranking the catalog twice: own and average gates…"
        : "This model (\(s.catalog.architecture.name)) has no such gates to average"
      grid.write(inner.x, inner.y + 1, text, Style(fg: Palette.warning), maxWidth: inner.width)
      return
    }
    // The rankings compared are of the domain's candidates (the whole catalog without them).
    let ranked = s.catalog.candidates(domain: effect.domain)?.count ?? s.catalog.items.count
    let k = min(effect.k, ranked)
    let rho = fixed(effect.spearman, 4)
    grid.write(
      inner.x, inner.y + 1,
      "top-\(k) overlap \(effect.overlap)/\(k) \(s.glyphs.separator) Spearman's rank correlation \(rho) "
        + "over \(ranked) items",
      Style(fg: Palette.text, bold: true), maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
    grid.write(
      inner.x, inner.y + 2,
      "#a→#o: rank under average gates → under this user's own; among both top-\(k) lists", muted,
      maxWidth: inner.width, ellipsis: s.glyphs.ellipsis)
    let (left, right) = rest.splitLeft(rest.width / 2)
    let (upBox, downBox) = left.splitTop(left.height / 2)
    drawMoves(
      &grid, s, upBox, title: "PEPNet moved these up for this user", effect.up, color: Palette.amplified,
      glyph: s.glyphs.rankUp)
    drawMoves(
      &grid, s, downBox, title: "…and these down", effect.down, color: Palette.damped,
      glyph: s.glyphs.rankDown)
    drawMoves(
      &grid, s, right, title: "Top \(k) under average gates → rank with own", effect.averageTop,
      color: Palette.text, glyph: nil)
    if !current {
      greyOut(&grid, rest)
      greyOut(&grid, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 2))
    }
  }

  /// A box of moves: `#a→#o ▲n title`.
  static func drawMoves(
    _ grid: inout CellGrid, _ s: ExplorerState, _ rect: Rect, title: String, _ moves: [ExplorerMove],
    color: UInt8, glyph: Unicode.Scalar?
  ) {
    guard rect.height >= 3 else { return }
    Widgets.box(&grid, rect, title: title, focused: false, glyphs: s.glyphs)
    let inner = rect.inset(1)
    if moves.isEmpty {
      grid.write(inner.x, inner.y, "none", Style(fg: Palette.muted))
      return
    }
    let digits = s.catalog.rankDigits
    for (n, move) in moves.enumerated() where n < inner.height {
      let y = inner.y + n
      var x = inner.x
      x += grid.write(
        x, y, NumberFormat.pad("#\(move.from)", digits + 1, right: true), Style(fg: Palette.muted))
      x += grid.write(x, y, "→", Style(fg: Palette.muted))
      x += grid.write(x, y, NumberFormat.pad("#\(move.to)", digits + 2), Style(fg: Palette.text, bold: true))
      let change = move.change
      let changeColor = glyph == nil ? Palette.change(Float(change), threshold: 0) : color
      let marker = change > 0 ? s.glyphs.rankUp : change < 0 ? s.glyphs.rankDown : " "
      x += grid.write(
        x, y, NumberFormat.pad("\(marker)\(change == 0 ? "" : String(abs(change)))", digits + 2),
        Style(fg: changeColor))
      let item = s.catalog.items.indices.contains(move.item) ? s.catalog.items[move.item] : nil
      let label = item.map { "\($0.id)\($0.known ? "" : String(s.glyphs.unknown)) \($0.title)" } ?? "?"
      grid.write(
        x, y, label, Style(fg: Palette.text), maxWidth: inner.maxX - x, ellipsis: s.glyphs.ellipsis)
    }
  }

  /// `value` with `decimals` decimals, from a Double (as `pepnet rank` prints rho).
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "nan" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale)
    var fraction = String(scaled % Int(scale))
    while fraction.count < decimals { fraction = "0" + fraction }
    return (value < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (decimals > 0 ? "." + fraction : "")
  }
}
