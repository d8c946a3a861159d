import PepnetText

extension Explorer {
  /// EPNet gates of the highlighted (user, item, domain): one bar per field around the neutral 1, the
  /// gate value and its deviation from the domain's average (or from the pin in compare mode), then the
  /// selected field's per-element gates.
  static func drawEPNet(_ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout) {
    drawGatePane(&grid, s, layout, .epnet) { grid, _, inner, display in
      let gamma = display.target.gamma
      let p = display.progress(s.now)
      let pinGates = s.pinned?.gates
      let difference = pinGates != nil && s.compareStyle == .difference
      // Field names whole when the pane is wide enough (up to a quarter of it).
      let longest = display.target.epnet.reduce(5) { max($0, $1.field.displayWidth) }
      let nameWidth = min(max(10, inner.width / 4), longest + 1)
      let barWidth = max(5, inner.width - nameWidth - 1 - 1 - 4 - 1 - 5)
      let barX = inner.x + nameWidth + 1
      // Header with the scale under the bar.
      let header = Style(fg: Palette.muted, bold: true)
      grid.write(inner.x, inner.y, "field", header)
      if difference {
        grid.write(barX, inner.y, "−" + NumberFormat.fixed(gamma / 2, 0), header)
        grid.write(barX + barWidth / 2 - 1, inner.y, "Δ0", header)
        grid.writeRight(barX + barWidth, inner.y, "+" + NumberFormat.fixed(gamma / 2, 0), header)
      } else if pinGates != nil {
        grid.write(barX, inner.y, "pin", Style(fg: Palette.pinned, bold: true))
        grid.write(barX + barWidth / 2 + 1, inner.y, "now", Style(fg: Palette.accent, bold: true))
      } else {
        grid.write(barX, inner.y, "0", header)
        grid.write(barX + barWidth / 2, inner.y, "1", header)
        grid.writeRight(barX + barWidth, inner.y, NumberFormat.fixed(gamma, 0), header)
      }
      grid.write(barX + barWidth + 1, inner.y, "gate", header)
      grid.writeRight(inner.maxX, inner.y, pinGates != nil ? "Δpin" : "Δavg", header)
      let fields = display.target.epnet
      // Against the pin, Δpin is coloured on a ramp fitted to the largest change among the fields.
      let pinScale = pinGates.map { pin in
        DifferenceScale(
          fields.indices.map { f in f < pin.epnet.count ? fields[f].mean - pin.epnet[f].mean : 0 },
          floor: 0.02)
      }
      // Shortened so that different fields still read differently (KuaiRand's onehot_feat10…17).
      let names = DistinctNames.shorten(fields.map(\.field), to: nameWidth, ellipsis: s.glyphs.ellipsis)
      let list = layout.fieldList
      let first = fieldScroll(cursor: s.fieldCursor, rows: list.height)
      Widgets.list(
        &grid, list, count: fields.count, scroll: first, cursor: s.focus == .epnet ? s.fieldCursor : nil,
        focused: true,
        glyphs: s.glyphs
      ) { grid, row, f, _ in
        let value = display.epMean(f, p)
        grid.write(row.x, row.y, names[f], Style(fg: Palette.text), maxWidth: nameWidth)
        let reference: Float
        if let pin = pinGates, f < pin.epnet.count {
          reference = pin.epnet[f].mean
          if difference {
            Widgets.divergingBar(
              &grid, x: barX, y: row.y, width: barWidth, value: value - reference, lo: -gamma / 2, center: 0,
              hi: gamma / 2,
              up: Palette.amplified, down: Palette.damped, glyphs: s.glyphs)
          } else {
            let half = (barWidth - 1) / 2
            Widgets.divergingBar(
              &grid, x: barX, y: row.y, width: half, value: reference, lo: 0, center: gamma / 2, hi: gamma,
              up: Palette.amplified, down: Palette.damped, glyphs: s.glyphs)
            Widgets.divergingBar(
              &grid, x: barX + barWidth - half, y: row.y, width: half, value: value, lo: 0, center: gamma / 2,
              hi: gamma,
              up: Palette.amplified, down: Palette.damped, glyphs: s.glyphs)
          }
        } else {
          reference = f < display.average.count ? display.average[f] : gamma / 2
          Widgets.divergingBar(
            &grid, x: barX, y: row.y, width: barWidth, value: value, lo: 0, center: gamma / 2, hi: gamma,
            up: Palette.amplified, down: Palette.damped, glyphs: s.glyphs)
        }
        grid.write(
          barX + barWidth + 1, row.y, NumberFormat.fixed(value, 2),
          Style(fg: Palette.gate(value, gamma: gamma), bold: true))
        let delta = value - reference
        grid.writeRight(
          row.maxX, row.y, NumberFormat.short(delta, 2, plus: true),
          Style(fg: pinScale.map { $0.color(delta) } ?? Palette.change(delta)))
      }
      drawLegend(
        &grid, s, layout.epnetLegend, legend: epnetLegend(s, gamma: gamma),
        sentence: epnetSentence(s, display))
      // Per-element gates of the selected field.
      let bottom = inner.row(inner.height - 1)
      guard s.fieldCursor < fields.count, !bottom.isEmpty else { return }
      let field = fields[s.fieldCursor]
      var x =
        bottom.x
        + grid.write(
          bottom.x, bottom.y, "\(field.field) dims ", Style(fg: Palette.muted), maxWidth: nameWidth + 6)
      let count = field.values.count
      x += Widgets.heatmapRow(
        &grid, x: x, y: bottom.y, width: max(0, bottom.maxX - x - 10), count: count, gamma: gamma,
        glyphs: s.glyphs
      ) { e in display.epValue(s.fieldCursor, e, p) }
      grid.write(
        x + 1, bottom.y, "\(NumberFormat.short(field.min, 2))-\(NumberFormat.short(field.max, 2))",
        Style(fg: Palette.muted),
        maxWidth: bottom.maxX - x - 1)
    }
  }
}
