import ArgumentParser

/// A usage error unless `value` is in `range`.
func checkRange(_ option: String, _ value: Int, _ range: ClosedRange<Int>) throws {
  guard range.contains(value) else {
    throw ValidationError("\(option) must be in \(range.lowerBound)...\(range.upperBound); got \(value)")
  }
}
