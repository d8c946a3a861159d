import PepnetExplorer
import PepnetText
import Testing

/// Display width: wide characters take two cells, combining marks none (issue 13, item 20).
@Suite struct WideTextTests {
  @Test func displayWidthOfWideAndCombiningText() {
    #expect(DisplayWidth.of("北京 2007") == 9)
    #expect(DisplayWidth.of("e\u{301}te\u{301}") == 3)
    #expect(DisplayWidth.of("한국어") == 6)
    #expect(DisplayWidth.of("ｆｕｌｌ") == 8)
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.truncate("北京烤鸭 2007", to: 6) == "北京…")
    #expect(DisplayWidth.of(DisplayWidth.truncate("北京烤鸭 2007", to: 6)) == 5)
    #expect(DisplayWidth.pad("北京", to: 6) == "北京  ")
  }

  @Test func gridWritesWideCharactersInTwoCells() {
    var grid = CellGrid(width: 12, height: 2)
    #expect(grid.write(0, 0, "北京 2007|") == 10)
    #expect(grid.text == "北京 2007|\n")
    #expect(grid[1, 0].isContinuation)
    #expect(grid[5, 0].scalar == "2")
    // Cut with an ellipsis: a wide character that does not fit is not split.
    #expect(grid.write(0, 1, "北京烤鸭 2007", maxWidth: 6, ellipsis: "…") == 5)
    #expect(grid.text == "北京 2007|\n北京…")
  }

  @Test func combiningMarksStayOnTheirCharacter() {
    var grid = CellGrid(width: 6, height: 1)
    #expect(grid.write(0, 0, "cafe\u{301}!") == 5)
    #expect(grid[3, 0].scalar == "e" && grid[3, 0].mark == "\u{301}")
    #expect(grid.text == "cafe\u{301}!")
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var grid = CellGrid(width: 6, height: 1)
    grid.write(0, 0, "北京")
    grid.put(1, 0, "x", .plain)
    #expect(grid.text == " x京")
    grid.put(2, 0, "y", .plain)
    #expect(grid.text == " xy")
    #expect(!grid[3, 0].isContinuation)
  }

  /// A run of the diff never starts on the right half of a wide character (the terminal would
  /// overwrite the character).
  @Test func diffRunsStartOnWholeCharacters() {
    var old = CellGrid(width: 6, height: 1)
    old.write(0, 0, "北京")
    var new = old
    new.restyle(1, 0) { $0.bold = true }
    new.restyle(2, 0) { $0.bold = true }
    var runs: [GridRun] = []
    GridDiff.runs(from: old, to: new, into: &runs)
    #expect(runs.allSatisfy { !new[$0.x, $0.y].isContinuation })
  }

  /// In a 120-cell frame with Chinese titles every line is 120 cells wide at most (18 of 40 lines
  /// ran to 124 cells), and the columns after the title stay in place.
  @Test func framesWithChineseTitlesKeepTheirWidth() throws {
    let places = ["北京", "上海 2007", "广州塔夜景", "成都 火锅", "杭州西湖"]
    let source = RetitledSource { i, title in "\(places[i % places.count]) \(title)" }
    let plain = try ExplorerSnapshot.render(source: TestSource.shared, options: .init())
    let text = try ExplorerSnapshot.render(source: source, options: .init())
    let lines = text.components(separatedBy: "\n")
    #expect(lines.count == 40)
    for (n, line) in lines.enumerated() {
      #expect(DisplayWidth.of(line) <= 120, "line \(n + 1): \(DisplayWidth.of(line)) cells")
    }
    // The score column is where it is with ASCII titles.
    let plainLines = plain.components(separatedBy: "\n")
    for n in 5..<15 {
      let a = Array(plainLines[n].unicodeScalars.suffix(50))
      let b = Array(lines[n].unicodeScalars.suffix(50))
      #expect(a.count == b.count, "line \(n + 1)")
    }
  }
}
