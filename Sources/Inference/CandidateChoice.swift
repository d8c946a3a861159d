import PepnetData

/// Which items a ranking for one domain orders (issue 18 item 8): by default the domain's
/// candidates (`FeaturePipeline.candidates`: the items the catalogue's `items.domain` column lists
/// for it when the schema names one, else those seen in it in training), so that a "book" ranking
/// holds books; `all` ranks the whole catalogue, as every bundle without candidate sets does.
public enum CandidateChoice: String, CaseIterable, Sendable {
  case domain
  case all
}

/// The candidates that apply to one (bundle, domain, choice): which choice took effect, and the
/// catalogue indices (nil: the whole catalogue).
public struct CandidateSet: Sendable, Equatable {
  /// `domain` only when the bundle has candidate sets and they were asked for.
  public var applied: CandidateChoice
  /// Ascending catalogue indices; nil when the whole catalogue is ranked.
  public var items: [Int]?
  /// Whether the sets come from the catalogue's `items.domain` column (else from training).
  public var listedByCatalogue: Bool

  public init(pipeline: FeaturePipeline, domain: Int, choice: CandidateChoice) {
    if choice == .domain, let sets = pipeline.candidates, domain < sets.count {
      applied = .domain
      items = sets[domain].map(Int.init)
    } else {
      applied = .all
      items = nil
    }
    listedByCatalogue = pipeline.schema.items.domain != nil
  }

  /// What `rank`'s header says: "seen in <domain>" (training's sets), "listed for <domain>" (the
  /// catalogue's `items.domain`) or "all items".
  public func description(domain: String) -> String {
    guard applied == .domain else { return "all items" }
    return listedByCatalogue ? "listed for \(domain)" : "seen in \(domain)"
  }
}
