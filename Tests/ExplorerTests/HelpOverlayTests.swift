import PepnetExplorer
import PepnetTestSupport
import Testing

/// The help overlay laid out for the screen (issue 13, item 13): at 80x24 it cut descriptions and
/// left a section heading at the bottom of one column with its entries in the next.
@Suite struct HelpOverlayTests {
  @Test(arguments: [(80, 24), (90, 28), (100, 30), (120, 40), (200, 60)])
  func helpFitsWithoutCutsOrOrphanHeadings(width: Int, height: Int) {
    let state = TestSource.settle(TestSource.loaded(width: width, height: height), [.key(.char("?"))])
    let grid = Explorer.view(state)
    var headings = 0
    var text = ""
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let cell = grid[x, y]
        guard cell.style.bg == 235 else { continue }
        text.unicodeScalars.append(cell.scalar)
        #expect(cell.scalar != "…", "\(width)x\(height): a cut at \(x),\(y)")
        // A heading starts where a heading-coloured run starts; its first entry is right below it.
        let isHeading = cell.style.fg == Palette.warning && cell.style.bold
        if isHeading && cell.scalar != " " && (x == 0 || grid[x - 1, y].style.fg != Palette.warning) {
          headings += 1
          let below = grid[x, y + 1]
          #expect(
            below.style.fg == Palette.accent && below.scalar != " ",
            "\(width)x\(height): the heading at \(x),\(y) has no entry under it")
        }
      }
      text += "\n"
    }
    #expect(headings >= KeyMap.sections.count + 1, "\(width)x\(height): every section is shown")
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }).map(String.init)
    for line in Explorer.helpLines() where !line.isSection {
      for word in line.text.split(separator: " ") {
        #expect(words.contains(String(word)), "\(width)x\(height): '\(word)' of '\(line.text)'")
      }
    }
  }

  /// The box fills the width it takes: at 80x24 it was one cell short, and the pane's border
  /// showed beside the box's (`╮╮`).
  @Test(arguments: [(80, 24), (90, 28), (100, 30)])
  func helpBoxLeavesNoBorderBesideIt(width: Int, height: Int) {
    let state = TestSource.settle(TestSource.loaded(width: width, height: height), [.key(.char("?"))])
    for line in Explorer.view(state).text.split(separator: "\n") {
      for double in ["╮╮", "││", "╯╯", "╮│", "│╮"] {
        #expect(!line.contains(double), "\(width)x\(height): \(line)")
      }
    }
  }

  @Test func helpAt80x24() {
    let state = TestSource.settle(TestSource.loaded(width: 80, height: 24), [.key(.char("?"))])
    assertSnapshot(Explorer.view(state).text, named: "help-80x24")
  }
}
