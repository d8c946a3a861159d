import PepnetText

/// Where the help overlay's text goes for a screen size: the box, and each heading, key label and
/// (wrapped) description line. Pure, so tests can check that nothing is cut or orphaned.
struct HelpLayout {
  enum Kind { case heading, keys, text }
  struct Placed {
    var kind: Kind
    var text: String
    var x: Int
    var y: Int
    var width: Int
  }

  private struct Section {
    var title: String
    var entries: [(keys: String, text: String)]
    var keyWidth: Int { entries.reduce(1) { max($0, $1.keys.displayWidth) } }
  }

  private(set) var box: Rect = .zero
  private(set) var placed: [Placed] = []
  /// Columns used.
  private(set) var columns = 0

  init(lines: [(keys: String, text: String, isSection: Bool)], size: GridSize) {
    var sections: [Section] = []
    for line in lines {
      if line.isSection {
        sections.append(Section(title: line.text, entries: []))
      } else if !sections.isEmpty {
        sections[sections.count - 1].entries.append((line.keys, line.text))
      }
    }
    let maxHeight = max(3, size.height - 2)
    let rows = maxHeight - 2
    let keyWidth = sections.reduce(1) { max($0, $1.keyWidth) }
    let textWidth = sections.flatMap(\.entries).reduce(1) { max($0, $1.text.displayWidth) }
    // Each column: a space, keys, two spaces, text, a space; columns are one cell apart.
    let naturalColumn = 1 + keyWidth + 2 + textWidth + 1
    var best: [[(Section, continued: Bool)]] = []
    var bestColumnWidth = 0
    var bestInnerWidth = 0
    var bestCount = 0
    for count in 1...4 {
      let innerWidth = min(size.width - 2, count * naturalColumn + count - 1)
      let columnWidth = (innerWidth - (count - 1)) / count
      let packed = HelpLayout.pack(sections, rows: rows, columnWidth: columnWidth)
      best = packed
      bestColumnWidth = columnWidth
      bestInnerWidth = innerWidth
      bestCount = count
      if packed.count <= count { break }
    }
    columns = best.count
    // The cells the division into columns left over stay inside the box, so a full-width box
    // covers the screen instead of leaving a pane's border beside its own.
    let packedWidth = columns * bestColumnWidth + columns - 1
    let innerWidth = columns == bestCount ? max(packedWidth, bestInnerWidth) : packedWidth
    let usedRows = best.map { HelpLayout.height($0.map(\.0), columnWidth: bestColumnWidth) }.max() ?? 0
    let height = min(maxHeight, usedRows + 2)
    let width = min(size.width, innerWidth + 2)
    box = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
    for (c, column) in best.enumerated() {
      let x = box.x + 1 + c * (bestColumnWidth + 1)
      var y = box.y + 1
      for (section, continued) in column {
        // Keys as wide as the section's widest, so one long key label does not narrow every text.
        let keys = section.keyWidth
        let textX = x + 1 + keys + 2
        let textWidth = HelpLayout.textWidth(section, columnWidth: bestColumnWidth)
        placed.append(
          Placed(
            kind: .heading, text: continued ? section.title + " (cont.)" : section.title, x: x + 1, y: y,
            width: bestColumnWidth - 2))
        y += 1
        for entry in section.entries {
          placed.append(Placed(kind: .keys, text: entry.keys, x: x + 1, y: y, width: keys))
          for part in Explorer.wrap(entry.text, width: textWidth) {
            placed.append(Placed(kind: .text, text: part, x: textX, y: y, width: textWidth))
            y += 1
          }
        }
      }
    }
  }

  /// The width of a section's descriptions in a column.
  private static func textWidth(_ section: Section, columnWidth: Int) -> Int {
    max(1, columnWidth - (1 + section.keyWidth + 2) - 1)
  }

  /// Rows the sections take in one column: a heading each, then the wrapped descriptions.
  private static func height(_ sections: [Section], columnWidth: Int) -> Int {
    sections.reduce(0) { total, section in
      let width = textWidth(section, columnWidth: columnWidth)
      return total + 1 + section.entries.reduce(0) { $0 + Explorer.wrap($1.text, width: width).count }
    }
  }

  /// Sections into columns of at most `rows` rows, in order; a section taller than a column is
  /// split, its heading repeated at the top of the next column.
  private static func pack(_ sections: [Section], rows: Int, columnWidth: Int) -> [[(
    Section, continued: Bool
  )]] {
    var columns: [[(Section, continued: Bool)]] = [[]]
    for section in sections {
      var rest = section
      var continued = false
      while true {
        let current = columns[columns.count - 1].map(\.0)
        if rest.entries.isEmpty {
          columns[columns.count - 1].append((rest, continued))
          break
        }
        if height(current + [rest], columnWidth: columnWidth) <= rows {
          columns[columns.count - 1].append((rest, continued))
          break
        }
        // Split: as many entries as fit here (at least one with its heading), the rest in a new
        // column.
        var head = rest
        head.entries = []
        for entry in rest.entries {
          var trial = head
          trial.entries.append(entry)
          if height(current + [trial], columnWidth: columnWidth) > rows { break }
          head = trial
        }
        if head.entries.isEmpty {
          if current.isEmpty {
            // Not even one entry fits an empty column: place it anyway (the screen is tiny).
            head.entries = [rest.entries[0]]
          } else {
            columns.append([])
            continue
          }
        }
        columns[columns.count - 1].append((head, continued))
        rest.entries.removeFirst(head.entries.count)
        if rest.entries.isEmpty { break }
        continued = true
        columns.append([])
      }
    }
    return columns.filter { !$0.isEmpty }
  }
}
