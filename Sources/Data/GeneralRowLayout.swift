extension FeaturePipeline {
  /// The one place that knows the order of the general fields in an encoded row: user id, item id,
  /// author id (when the schema has one), the user features, the item features, the context fields.
  ///
  /// `user` is a user's part (user id, then user features: `userWidth` values), `item` an item's
  /// (item id, the author slot, then item features: `itemWidth`; the slot is skipped without an
  /// author), `context` one value per context field; `row` receives `generalFieldCount` values.
  /// Generic so that the field specs (`fields`) and the ids (serving, `StreamingSplitEncoder`) are
  /// laid out by the same code; for ids, each part holds its fields' slots (`maxValues` for a
  /// multi-valued field) and `row` receives `generalIdWidth` values.
  @inline(__always) func arrangeGeneral<T>(
    user: UnsafeBufferPointer<T>, item: UnsafeBufferPointer<T>, context: UnsafeBufferPointer<T>,
    into row: UnsafeMutableBufferPointer<T>
  ) {
    row[0] = user[0]
    row[1] = item[0]
    var k = 2
    if hasAuthor {
      row[2] = item[1]
      k = 3
    }
    for f in 1..<user.count {
      row[k] = user[f]
      k += 1
    }
    for f in 2..<item.count {
      row[k] = item[f]
      k += 1
    }
    for v in context {
      row[k] = v
      k += 1
    }
  }

  /// `arrangeGeneral` into a new array: of fields (one element per field) or of ids (one per slot).
  func arrangedGeneral<T>(user: [T], item: [T], context: [T]) -> [T] {
    precondition(user.count >= 1 && item.count >= 2, "a user part and an item part")
    let count = user.count + item.count - (hasAuthor ? 0 : 1) + context.count
    var row = Array((user + item + context).prefix(count))
    row.withUnsafeMutableBufferPointer { out in
      user.withUnsafeBufferPointer { u in
        item.withUnsafeBufferPointer { i in
          context.withUnsafeBufferPointer { c in arrangeGeneral(user: u, item: i, context: c, into: out) }
        }
      }
    }
    return row
  }
}
