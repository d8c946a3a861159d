import ArgumentParser
import PepnetExplorer

/// `pepnet explore --snapshot --view compare|whatif` (issue 14 items 4, 5 and 7): the states of the
/// compare-mode and what-if views, with their options. The views engineer's `--view` handling
/// calls `compareViewState` for these two views.
extension ExploreCommand {
  /// The snapshot state of the compare or what-if view, or nil for another view.
  func compareViewState(
    _ view: ExplorerViewName?, source: ExplorerDataSource, options: ExplorerSnapshot.Options
  )
    throws -> ExplorerState?
  {
    switch view {
    case .compare:
      return try ExplorerSnapshot.compareState(
        source: source, options: options, versusUser: versusUser, versusDomain: versusDomain)
    case .whatif:
      return try ExplorerSnapshot.whatIfState(source: source, options: options, edits: edit)
    default:
      return nil
    }
  }

  /// The compare and what-if options apply to their views only, and `--edit` must be `name=value`.
  func validateCompareViewOptions(_ view: ExplorerViewName?) throws {
    if view != .compare && (versusUser != nil || versusDomain != nil) {
      throw ValidationError("--versus-user and --versus-domain apply to --view compare")
    }
    if view != .whatif && !edit.isEmpty { throw ValidationError("--edit applies to --view whatif") }
    for text in edit where !text.contains("=") || text.hasPrefix("=") {
      throw ValidationError(ExplorerSnapshot.MalformedEdit(text: text).description)
    }
  }
}
