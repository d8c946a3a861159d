/// One side table (users or items) built from an impression log: for every id, in order of first
/// appearance, the values each side column takes on that id's rows.
///
/// A log repeats an id's side values on each of its rows, and real logs do not always agree
/// (a profile edited mid-log, a join gone wrong). The table keeps each id's most common value per
/// column, ties going to the value seen first, and counts the ids that had more than one.
/// A missing value (one of the schema's `missing` spellings) is no vote: it is kept only for an
/// id that never has another value.
struct LogSideTable {
  /// One value's votes for one id and column.
  private struct Tally {
    var count: Int
    var firstSeen: Int
  }

  let columns: [String]
  private(set) var ids: [String] = []
  private var index: [String: Int] = [:]
  /// `[id][column]`: value -> votes.
  private var tallies: [[[String: Tally]]] = []
  /// `[id][column]`: the first missing spelling seen, for an id with no other value.
  private var firstMissing: [[String?]] = []
  private var order = 0

  init(columns: [String]) { self.columns = columns }

  /// Records one row's values (one per column) for `id`; `isMissing` tells the missing spellings.
  mutating func add(id: String, values: [String], isMissing: (String) -> Bool) {
    let slot: Int
    if let known = index[id] {
      slot = known
    } else {
      slot = ids.count
      index[id] = slot
      ids.append(id)
      tallies.append(Array(repeating: [:], count: columns.count))
      firstMissing.append(Array(repeating: nil, count: columns.count))
    }
    for (c, value) in values.enumerated() {
      if isMissing(value) {
        if firstMissing[slot][c] == nil { firstMissing[slot][c] = value }
        continue
      }
      order += 1
      tallies[slot][c][value, default: Tally(count: 0, firstSeen: order)].count += 1
    }
  }

  /// The table's rows (id, then one value per column) and, per column, how many ids had
  /// conflicting values.
  func resolved() -> (rows: [[String]], conflicts: [Int]) {
    var conflicts = Array(repeating: 0, count: columns.count)
    var rows: [[String]] = []
    rows.reserveCapacity(ids.count)
    for (slot, id) in ids.enumerated() {
      var row = [id]
      for c in columns.indices {
        let votes = tallies[slot][c]
        if votes.count > 1 { conflicts[c] += 1 }
        let best = votes.min { a, b in
          a.value.count != b.value.count
            ? a.value.count > b.value.count : a.value.firstSeen < b.value.firstSeen
        }
        row.append(best?.key ?? firstMissing[slot][c] ?? "")
      }
      rows.append(row)
    }
    return (rows, conflicts)
  }
}
