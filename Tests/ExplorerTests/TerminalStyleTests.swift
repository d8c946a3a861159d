import Testing

@testable import PepnetExplorer

/// Colour depths below 256 (issue 13, item 9): without colour the focused pane must still stand
/// out, and with 8 colours every character must contrast with its background.
@Suite struct TerminalStyleTests {
  /// The attributes of a pane's border lines (not its title or note).
  func border(_ grid: CellGrid, _ rect: Rect, colors: Int) -> [TerminalAttributes] {
    var cells: [(Int, Int)] = []
    for x in rect.x..<rect.maxX { cells += [(x, rect.y), (x, rect.maxY - 1)] }
    for y in rect.y..<rect.maxY { cells += [(rect.x, y), (rect.maxX - 1, y)] }
    let lines = Set("─│╭╮╰╯".unicodeScalars)
    return cells.filter { lines.contains(grid[$0.0, $0.1].scalar) }.map {
      TerminalAttributes(grid[$0.0, $0.1].style, colors: colors)
    }
  }

  @Test(arguments: [Pane.users, .rankings, .epnet])
  func theFocusedPaneStandsOutWithoutColour(_ focused: Pane) {
    var state = TestSource.loaded()
    state.focus = focused
    let grid = Explorer.view(state)
    let layout = ExplorerLayout(state: state)
    for pane in [Pane.users, .rankings, .epnet] {
      let corner = TerminalAttributes(grid[layout.rect(pane).x, layout.rect(pane).y].style, colors: 0)
      let edges = border(grid, layout.rect(pane), colors: 0).filter { !$0.bold && !$0.dim }
      if pane == focused {
        #expect(corner.bold && !corner.dim, "\(pane): the focused border is bold")
      } else {
        #expect(corner.dim && !corner.bold, "\(pane): other borders are dim")
      }
      #expect(edges.isEmpty, "\(pane): every border line marked one way or the other")
    }
  }

  @Test func eightColoursKeepEveryCharacterReadable() {
    let loaded = TestSource.loaded()
    var states = [loaded]
    states.append(TestSource.settle(loaded, [.key(.char("?"))]))
    states.append(TestSource.settle(loaded, [.key(.char("/")), .key(.char("u"))]))
    let pinned = TestSource.settle(loaded, [.key(.char("c")), .key(.char("j")), .key(.char("2"))])
    states += [pinned, TestSource.settle(pinned, [.key(.char("v"))])]
    var focusedRankings = loaded
    focusedRankings.focus = .rankings
    states.append(focusedRankings)
    var unreadable: Set<String> = []
    for state in states {
      let grid = Explorer.view(state)
      for cell in grid.cells where cell.scalar != " " {
        let shown = TerminalAttributes(cell.style, colors: 8)
        let fg = TerminalColor.lightness(shown.reverse ? shown.bg : shown.fg, foreground: !shown.reverse)
        let bg = TerminalColor.lightness(shown.reverse ? shown.fg : shown.bg, foreground: shown.reverse)
        if abs(fg - bg) < TerminalColor.minimumContrast {
          unreadable.insert(
            "\(cell.style.fg.map(String.init) ?? "default") on \(cell.style.bg.map(String.init) ?? "default")"
          )
        }
      }
    }
    #expect(
      unreadable.isEmpty, "xterm-256 fg on bg pairs that do not read in 8 colours: \(unreadable.sorted())")
  }

  @Test func twoHundredFiftySixColoursAreDrawnAsIs() {
    let style = Style(fg: Palette.accent, bg: Palette.selection, bold: true)
    #expect(
      TerminalAttributes(style, colors: 256)
        == {
          var a = TerminalAttributes(.plain, colors: 256)
          a.bold = true
          a.fg = Int16(Palette.accent)
          a.bg = Int16(Palette.selection)
          return a
        }())
  }
}
