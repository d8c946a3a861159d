import ArgumentParser

/// The (model, user, domain) that `rank` and `gates` are asked about.
///
/// `explore` selects differently (the bundle is its argument, and user and domain are optional
/// and apply to `--snapshot`), so it does not take this group; all three resolve the names with
/// `NameResolver` ("closest:").
struct SelectionOptions: ParsableArguments {
  @Option(help: "Model bundle directory.") var model: String = "sample-data/model"
  @Option(help: "User id.") var user: String
  @Option(help: "Domain name.") var domain: String
}
