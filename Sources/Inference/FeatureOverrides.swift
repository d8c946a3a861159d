import PepnetData
import PepnetModel
import PepnetText

/// A what-if's edits of one request (issue 14 item 5): user profile features (age, city, …) and
/// context values (hour, network) replaced by name, resolved once against the bundle's
/// vocabularies to the general column and vocabulary index each replaces. Unknown fields, item
/// features and values the vocabulary does not have are refused (an unknown value would
/// otherwise encode as the out-of-vocabulary slot and score as a user nobody has seen).
///
/// Applied to an encoded batch after `FeaturePipeline.fillRanking`, so the edited row differs
/// from the user's own in exactly the edited columns: it scores as a user who has that profile,
/// through the same code path as `rank` and `gates`.
public struct FeatureOverrides: Sendable, Equatable {
  /// One edit: the general column replaced and the vocabulary index written there (for a
  /// multi-valued field, the first of its slots and of its values' ids: `ids` holds them all).
  public struct Column: Sendable, Equatable {
    public var field: String
    public var value: String
    public var column: Int
    public var index: Int32
    /// The ids written from `column` on: `index` alone, or a multi-valued field's slots.
    public var ids: [Int32]
  }

  /// In the order given; a later edit of the same field replaces an earlier one.
  public private(set) var columns: [Column] = []

  public var isEmpty: Bool { columns.isEmpty }

  /// Resolves `edits` (field name, raw value) against `pipeline`.
  public init(_ edits: [(field: String, value: String)], pipeline: FeaturePipeline) throws {
    let editable = Self.editableFields(pipeline)
    for edit in edits {
      guard let field = editable.first(where: { $0.vocabulary.name == edit.field }) else {
        let itemSide = pipeline.itemFeatures.contains { $0.name == edit.field }
        throw RequestError(
          itemSide
            ? "'\(NameResolver.echo(edit.field))' is an item feature; a what-if edits the user's profile or the context"
            : NameResolver.unknown(
              "profile or context feature", edit.field, among: editable.map(\.vocabulary.name)))
      }
      let vocabulary = field.vocabulary
      if let format = vocabulary.multi {
        // Each value of a multi-valued edit (`Action|Comedy`) must be known, like a single value.
        let values = format.values(of: edit.value, missing: vocabulary.missing)
        if let problem = format.problem(cell: edit.value, feature: edit.field, missing: vocabulary.missing) {
          throw RequestError(problem)
        }
        if values.isEmpty {
          throw RequestError(
            "'\(NameResolver.echo(edit.value))' has no value of \(edit.field) (values are separated by"
              + " '\(NameResolver.echo(format.separator))')")
        }
        for value in values where !vocabulary.contains(value) {
          throw RequestError(NameResolver.unknown("value of \(edit.field)", value, among: vocabulary.tokens))
        }
      } else if !vocabulary.contains(edit.value) {
        throw RequestError(
          NameResolver.unknown("value of \(edit.field)", edit.value, among: vocabulary.tokens))
      }
      let ids = vocabulary.ids(of: edit.value)
      let column = Column(field: edit.field, value: edit.value, column: field.column, index: ids[0], ids: ids)
      if let k = columns.firstIndex(where: { $0.column == column.column }) {
        columns[k] = column
      } else {
        columns.append(column)
      }
    }
  }

  /// No edits.
  public init() {}

  /// The fields a what-if may edit, with the first general id slot each is encoded in (the
  /// layout of `FeaturePipeline`: the prior ids (user, item, author when there is one), the user
  /// features, the item features, the context; a multi-valued field takes `maxValues` slots).
  public static func editableFields(_ pipeline: FeaturePipeline) -> [(vocabulary: Vocabulary, column: Int)] {
    var slot = 1 + (pipeline.hasAuthor ? 2 : 1)
    func place(_ vocabularies: [Vocabulary]) -> [(vocabulary: Vocabulary, column: Int)] {
      vocabularies.map { v in
        defer { slot += v.slots }
        return (v, slot)
      }
    }
    let users = place(pipeline.userFeatures)
    _ = place(pipeline.itemFeatures)
    return users + place(pipeline.context)
  }

  /// Writes the edits into every row of an encoded batch.
  public func apply(to batch: Batch) {
    guard !columns.isEmpty else { return }
    let g = batch.generalIdWidth
    for r in 0..<batch.count {
      for edit in columns {
        for (k, id) in edit.ids.enumerated() { batch.generalIds[r * g + edit.column + k] = id }
      }
    }
  }
}
