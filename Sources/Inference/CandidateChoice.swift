import PepnetData

/// Which items a ranking for one domain orders (issue 18 item 8): by default those seen in the
/// domain in training (`FeaturePipeline.candidates`), so that a "book" ranking holds books; `all`
/// ranks the whole catalogue, as every bundle without candidate sets does.
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

  public init(pipeline: FeaturePipeline, domain: Int, choice: CandidateChoice) {
    if choice == .domain, let sets = pipeline.candidates, domain < sets.count {
      applied = .domain
      items = sets[domain].map(Int.init)
    } else {
      applied = .all
      items = nil
    }
  }

  /// What the rankings pane and `rank`'s header say: "seen in <domain>" or "all items".
  public func description(domain: String) -> String {
    applied == .domain ? "seen in \(domain)" : "all items"
  }
}
