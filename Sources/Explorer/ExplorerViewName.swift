/// The explorer's views, as named by `pepnet explore --snapshot --view NAME` and shown in its header.
public enum ExplorerViewName: String, CaseIterable, Sendable {
  /// The ranking screen the explorer opens on: users, rankings, the selected item's EPNet and PPNet gates.
  case main
  /// The population overview: the field × domain EPNet heatmap, PPNet spread per task and layer, gate health.
  case overview
  /// The selected user's ranking under their own gates against population-average gates.
  case effect
  /// Two selections side by side, with what changed between them.
  case compare
  /// The selected user with one profile or context feature edited.
  case whatif
}
