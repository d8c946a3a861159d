extension FeaturePipeline {
  /// The one place that knows the order of the general fields in an encoded row: user id, item id,
  /// author id, the user features, the item features, the context fields.
  ///
  /// `user` is a user's part (user id, then user features: `userWidth` values), `item` an item's
  /// (item id, author id, then item features: `itemWidth`), `context` one value per context field;
  /// `row` receives `generalFieldCount` values. Generic so that the field specs (`fields`) and the
  /// ids (serving, `StreamingSplitEncoder`) are laid out by the same code.
  @inline(__always) func arrangeGeneral<T>(
    user: UnsafeBufferPointer<T>, item: UnsafeBufferPointer<T>, context: UnsafeBufferPointer<T>,
    into row: UnsafeMutableBufferPointer<T>
  ) {
    row[0] = user[0]
    row[1] = item[0]
    row[2] = item[1]
    var k = 3
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

  /// `arrangeGeneral` into a new array.
  func arrangedGeneral<T>(user: [T], item: [T], context: [T]) -> [T] {
    precondition(user.count == userWidth && item.count == itemWidth && context.count == self.context.count)
    var row = user + item + context
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
