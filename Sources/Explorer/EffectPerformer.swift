/// Runs an effect against a data source and returns the result as an action, synchronously: what
/// snapshots, tests and the benchmark use. The background worker (`ExplorerWorker`) performs
/// effects itself, through its caches, and uses `perform` only for a gates result it has not cached.
public enum EffectPerformer {
  public static func perform(_ effect: Effect, source: ExplorerDataSource) -> Action {
    switch effect {
    case .computeScores(let user, let domain):
      return .scoresComputed(user: user, domain: domain, scores: source.scores(user: user, domain: domain))
    case .computeGates(let user, let item, let domain):
      return .gatesComputed(
        user: user, item: item, domain: domain, readout: source.gates(user: user, item: item, domain: domain),
        average: source.averageEPNetGates(domain: domain))
    case .exportFrame(let request):
      return FrameExportWriter.write(request)
    case .computeEditedScores(let user, let domain, let edits):
      return .editedScoresComputed(
        user: user, domain: domain, edits: edits,
        scores: source.scores(user: user, domain: domain, edits: edits))
    case .computeEditedGates(let user, let item, let domain, let edits):
      return .editedGatesComputed(
        user: user, item: item, domain: domain, edits: edits,
        readout: source.gates(user: user, item: item, domain: domain, edits: edits),
        average: source.averageEPNetGates(domain: domain))
    case .computePopulation:
      return .populationComputed(source.population())
    case .computeEffect(let request):
      return .effectComputed(
        request,
        source.effect(
          user: request.user, domain: request.domain, average: request.average, weights: request.weights,
          k: request.k))
    }
  }

  /// Applies actions, performing every requested effect synchronously until nothing is pending.
  public static func settle(_ state: ExplorerState, _ actions: [Action], source: ExplorerDataSource)
    -> ExplorerState
  {
    var s = state
    var queue = actions
    var effects: [Effect] = []
    while true {
      if !queue.isEmpty {
        let (next, more) = Explorer.update(s, queue.removeFirst())
        s = next
        effects += more
      } else if !effects.isEmpty {
        queue.append(perform(effects.removeFirst(), source: source))
      } else {
        return s
      }
    }
  }
}
