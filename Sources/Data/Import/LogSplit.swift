import PepnetNumerics

/// Assigns each row of an imported log to train, valid or test (`ImportSettings.SplitRule`).
enum LogSplit {
  /// The split of each of `count` rows; `keys` holds the `--split-by` column's value per row
  /// (nil for a random split). Throws when a split would be empty.
  static func assign(count: Int, rule: ImportSettings.SplitRule, keys: [String]?) throws -> [Dataset.Split] {
    let order: [Int]
    let train: Double
    let valid: Double
    switch rule {
    case .random(let t, let v, let seed):
      var rng = SeededRNG(seed: seed)
      var shuffled = Array(0..<count)
      // Fisher-Yates with pepnet's own generator, so that a seed gives the same split everywhere.
      if count > 1 {
        for i in stride(from: count - 1, to: 0, by: -1) {
          let j = Int(rng.next() % UInt64(i + 1))
          shuffled.swapAt(i, j)
        }
      }
      (order, train, valid) = (shuffled, t, v)
    case .byColumn(_, let t, let v):
      (order, train, valid) = (sortedAscending(keys ?? []), t, v)
    }
    let trainRows = Int((Double(count) * train).rounded())
    let validRows = Int((Double(count) * valid).rounded())
    let testRows = count - trainRows - validRows
    for (split, rows) in [(Dataset.Split.train, trainRows), (.valid, validRows), (.test, testRows)]
    where rows <= 0 {
      throw ImportError.emptySplit(split.rawValue, rows: count)
    }
    var splits = Array(repeating: Dataset.Split.test, count: count)
    for (position, row) in order.enumerated() {
      splits[row] = position < trainRows ? .train : position < trainRows + validRows ? .valid : .test
    }
    return splits
  }

  /// Row indices sorted by key: as numbers when every key is a finite number (times, counters),
  /// else by their UTF-8 bytes (ISO dates sort so); equal keys keep the log's order.
  static func sortedAscending(_ keys: [String]) -> [Int] {
    let numbers = keys.map { Double($0) }
    if numbers.allSatisfy({ $0?.isFinite == true }) {
      let values = numbers.map { $0! }
      return keys.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
    }
    let bytes = keys.map { Array($0.utf8) }
    return keys.indices.sorted {
      bytes[$0] != bytes[$1] ? bytes[$0].lexicographicallyPrecedes(bytes[$1]) : $0 < $1
    }
  }
}
