import PepnetText

extension Explorer {
  /// Draws a state into a new grid of `size` (the state's size by default).
  public static func view(_ state: ExplorerState, size: GridSize? = nil) -> CellGrid {
    var s = state
    if let size { s.size = size }
    var grid = CellGrid(width: s.size.width, height: s.size.height)
    render(s, into: &grid)
    return grid
  }

  /// Draws a state into an existing grid, reusing its storage when the size is unchanged.
  public static func render(_ state: ExplorerState, into grid: inout CellGrid) {
    if grid.width != state.size.width || grid.height != state.size.height {
      grid = CellGrid(width: state.size.width, height: state.size.height)
    } else {
      grid.fill(grid.bounds)
    }
    grid.asciiOnly = state.glyphs.isASCII
    let layout = ExplorerLayout(state: state)
    if layout.tooSmall {
      drawTooSmall(&grid, state)
      return
    }
    drawHeader(&grid, state, layout)
    switch state.view {
    case .overview: drawOverview(&grid, state, layout.body)
    case .effect: drawEffect(&grid, state, layout.body)
    default:
      drawUsers(&grid, state, layout)
      if state.whatIfOpen || !state.edits.isEmpty {
        drawWhatIfProfile(&grid, state, layout)
      } else {
        drawProfile(&grid, state, layout)
      }
      drawRankings(&grid, state, layout)
      if let pinned = state.pinned {
        drawWhatChanged(&grid, state, layout, pinned)
      } else {
        drawDetails(&grid, state, layout)
      }
      drawEPNet(&grid, state, layout)
      drawPPNet(&grid, state, layout)
    }
    drawStatus(&grid, state, layout)
    if state.showHelp { drawHelp(&grid, state) }
  }

  /// "u1000·double-feed" for a (user, domain).
  static func selectionLabel(_ s: ExplorerState, user: Int, domain: Int) -> String {
    let u = userLabel(s, user)
    let d = s.catalog.domains.indices.contains(domain) ? s.catalog.domains[domain] : "?"
    return "\(u)\(s.glyphs.separator)\(d)"
  }

  /// Greys out a pane's contents that belong to an earlier selection (as Rankings does while it
  /// waits for the new scores).
  static func greyOut(_ grid: inout CellGrid, _ rect: Rect) {
    for y in rect.y..<rect.maxY {
      for x in rect.x..<rect.maxX {
        grid.restyle(x, y) { style in
          style = Style(fg: Palette.border, bg: style.bg)
        }
      }
    }
  }

  /// The title note of a gate pane: the item, marked `stale` while the gates are an earlier
  /// selection's.
  static func gateNote(_ s: ExplorerState) -> String {
    guard let gates = s.gates else { return "" }
    let item = "item \(s.catalog.items[gates.item].id)"
    return s.gatesAreCurrent ? item : "stale \(s.glyphs.separator) \(item)"
  }

  /// Draws why a model has no gates of this pane (wrapped, from the pane's top), or returns false
  /// when it has them.
  static func drawGateAbsence(_ grid: inout CellGrid, _ s: ExplorerState, pane: Pane, in inner: Rect) -> Bool
  {
    guard let lines = GateAvailability.absence(s.catalog.architecture, pane: pane) else { return false }
    var y = inner.y
    for (n, line) in lines.enumerated() {
      let style = n == 0 ? Style(fg: Palette.text, bold: true) : Style(fg: Palette.muted)
      for part in wrap(line, width: inner.width - 2) where y < inner.maxY {
        grid.write(inner.x + 1, y, part, style, maxWidth: inner.width - 2, ellipsis: s.glyphs.ellipsis)
        y += 1
      }
      y += 1
    }
    return true
  }

  /// `text` broken into lines of at most `width` cells at spaces (a longer word is cut on writing).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      let candidate = line.isEmpty ? String(word) : line + " " + word
      if candidate.displayWidth > width && !line.isEmpty {
        lines.append(line)
        line = String(word)
      } else {
        line = candidate
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Writes `text` centred in a row.
  static func centered(_ grid: inout CellGrid, _ row: Rect, _ text: String, _ style: Style) {
    let n = text.displayWidth
    grid.write(row.x + max(0, (row.width - n) / 2), row.y, text, style, maxWidth: row.width)
  }
}

extension Explorer {
  /// What the EPNet and PPNet panes share: the box (titled with the item, or with the model when it
  /// has no such gates), why the model has no such gates, or `waiting for gates…` until the first
  /// arrive; else `body` draws the gates (given the box and its inside), greyed afterwards while they
  /// belong to an earlier selection.
  static func drawGatePane(
    _ grid: inout CellGrid, _ s: ExplorerState, _ layout: ExplorerLayout, _ pane: Pane,
    body: (inout CellGrid, Rect, Rect, GateDisplay) -> Void
  ) {
    let rect = layout.rect(pane)
    guard !rect.isEmpty else { return }
    let absent = GateAvailability.absence(s.catalog.architecture, pane: pane) != nil
    Widgets.box(
      &grid, rect, title: pane.title, focused: s.focus == pane, glyphs: s.glyphs,
      note: absent ? s.catalog.architecture.name : gateNote(s))
    let inner = rect.inset(1)
    if drawGateAbsence(&grid, s, pane: pane, in: inner) { return }
    guard let display = s.gates else {
      centered(&grid, inner.row(inner.height / 2), "waiting for gates…", Style(fg: Palette.muted))
      return
    }
    body(&grid, rect, inner, display)
    if !s.gatesAreCurrent { greyOut(&grid, inner) }
  }
}
