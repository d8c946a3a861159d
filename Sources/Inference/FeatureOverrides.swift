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
  /// One edit: the general column replaced and the vocabulary index written there.
  public struct Column: Sendable, Equatable {
    public var field: String
    public var value: String
    public var column: Int
    public var index: Int32
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
      guard field.vocabulary.contains(edit.value) else {
        throw RequestError(
          NameResolver.unknown("value of \(edit.field)", edit.value, among: field.vocabulary.tokens))
      }
      let column = Column(
        field: edit.field, value: edit.value, column: field.column,
        index: field.vocabulary.index(of: edit.value))
      if let k = columns.firstIndex(where: { $0.column == column.column }) {
        columns[k] = column
      } else {
        columns.append(column)
      }
    }
  }

  /// No edits.
  public init() {}

  /// The fields a what-if may edit, with the general column each is encoded in (the layout of
  /// `FeaturePipeline`: the three id fields, the user features, the item features, the context).
  public static func editableFields(_ pipeline: FeaturePipeline) -> [(vocabulary: Vocabulary, column: Int)] {
    let users = pipeline.userFeatures.enumerated().map { (vocabulary: $1, column: 3 + $0) }
    let contextStart = 3 + pipeline.userFeatures.count + pipeline.itemFeatures.count
    let context = pipeline.context.enumerated().map { (vocabulary: $1, column: contextStart + $0) }
    return users + context
  }

  /// Writes the edits into every row of an encoded batch.
  public func apply(to batch: Batch) {
    guard !columns.isEmpty else { return }
    let g = batch.generalFieldCount
    for r in 0..<batch.count {
      for edit in columns { batch.generalIds[r * g + edit.column] = edit.index }
    }
  }
}
