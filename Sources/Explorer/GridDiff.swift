/// A run of changed cells in one row that share a style: the unit the backend writes.
public struct GridRun: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var count: Int
  public var style: Style
}

/// Compares two grids and lists what must be written to turn the old screen into the new one.
/// A run's cells are written as text: wide characters advance two columns, their right halves
/// (`Cell.continuation`) are left out.
public enum GridDiff {
  /// Fills `runs` with the changed cells of `new` (all of them when `old` is nil or another size).
  public static func runs(from old: CellGrid?, to new: CellGrid, into runs: inout [GridRun]) {
    runs.removeAll(keepingCapacity: true)
    let full = old == nil || old!.width != new.width || old!.height != new.height
    new.cells.withUnsafeBufferPointer { cells in
      let previous = full ? nil : old!.cells
      for y in 0..<new.height {
        var x = 0
        let base = y * new.width
        while x < new.width {
          let cell = cells[base + x]
          if let previous, previous[base + x] == cell {
            x += 1
            continue
          }
          var end = x + 1
          while end < new.width {
            let next = cells[base + end]
            if next.style != cell.style { break }
            if let previous, previous[base + end] == next {
              // Bridge a single unchanged cell rather than starting a new run.
              if end + 1 < new.width, previous[base + end + 1] != cells[base + end + 1],
                cells[base + end + 1].style == cell.style
              {
                end += 1
                continue
              }
              break
            }
            end += 1
          }
          // A run never starts on the right half of a wide character: that half is drawn with
          // its left half, and writing from it would overwrite the character.
          let start = cell.scalar == Cell.continuation ? x + 1 : x
          if start < end { runs.append(GridRun(x: start, y: y, count: end - start, style: cell.style)) }
          x = end
        }
      }
    }
  }
}
