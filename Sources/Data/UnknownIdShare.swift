import Foundation

/// The share of a split's rows whose user or item id has no index of its own (not in the train
/// split, or rarer there than `id_min_count`): printed at the start of training, since on a small
/// log the default threshold can leave most valid and test rows with an unknown user (issue 18,
/// item 5), and the model then learns nothing about them.
public struct UnknownIdShare: Equatable, Sendable {
  public var rows: Int
  public var unknownUsers: Int
  public var unknownItems: Int

  public init(rows: Int, unknownUsers: Int, unknownItems: Int) {
    self.rows = rows
    self.unknownUsers = unknownUsers
    self.unknownItems = unknownItems
  }

  /// Counts the rows of `rows` whose `user_id` (general field 0) or `item_id` (field 1) is 0.
  public init(_ rows: EncodedDataset) {
    self.rows = rows.count
    var users = 0
    var items = 0
    let width = rows.generalIdWidth
    for r in 0..<rows.count {
      if rows.generalIds[r * width] == 0 { users += 1 }
      if rows.generalIds[r * width + 1] == 0 { items += 1 }
    }
    unknownUsers = users
    unknownItems = items
  }

  /// `75.0% / 3.2%`: the unknown-user share, then the unknown-item share.
  public var text: String {
    func percent(_ n: Int) -> String {
      rows == 0 ? "-" : String(format: "%.1f%%", 100 * Double(n) / Double(rows))
    }
    return "\(percent(unknownUsers)) / \(percent(unknownItems))"
  }
}
