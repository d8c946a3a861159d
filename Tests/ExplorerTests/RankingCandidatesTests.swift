import Testing

@testable import PepnetExplorer

/// The explorer's rankings with candidates (issue 18 item 8): the candidates lead every order in
/// score order, the pane lists only them, and the others keep a rank after them.
struct RankingCandidatesTests {
  /// Two tasks over five items (exact binary fractions); items 1 and 3 score highest.
  static let scores: [[Float]] = [[0.25, 0.875, 0.375, 0.75, 0.125], [0.5, 0.625, 0.25, 0.75, 0.125]]

  @Test func candidatesLeadEveryOrder() {
    let r = Rankings(user: 0, domain: 0, scores: Self.scores, weights: [1, 1], candidates: [0, 2, 4])
    #expect(r.candidateCount == 3)
    #expect(r.order(tab: 0) == [2, 0, 4, 1, 3])
    #expect(r.order(tab: 1) == [0, 2, 4, 3, 1])
    #expect(r.order(tab: 2) == [0, 2, 4, 1, 3])  // blends 0.75, 1.5, 0.625, 1.5, 0.25
    #expect(r.isCandidate(2) && !r.isCandidate(3))
    #expect(r.rank(tab: 0, item: 2) == 0)
  }

  @Test func withoutCandidatesEveryItemIsListed() {
    let r = Rankings(user: 0, domain: 0, scores: Self.scores, weights: [1, 1])
    #expect(r.candidateCount == 5)
    #expect(r.order(tab: 0) == [1, 3, 2, 0, 4])
    #expect(r.isCandidate(3))
  }

  @Test func reblendingKeepsTheCandidatesFirst() {
    var r = Rankings(user: 0, domain: 0, scores: Self.scores, weights: [1, 1], candidates: [3, 4])
    r.reblend([0, 1])
    #expect(r.order(tab: 2) == [3, 4, 1, 0, 2])
  }

  @Test func catalogueTakesTheSourcesSetsAndNamesThem() {
    let catalog = ExplorerCatalog(
      title: "t", users: [], items: (0..<3).map { ExplorerItem(id: "i\($0)", title: "", features: []) },
      domains: ["book", "movie"], tasks: ["like"])
    #expect(catalog.candidatesLabel(domain: 0) == "all items")
    var restricted = catalog
    restricted.domainCandidates = [[0, 2], [1]]
    #expect(restricted.candidates(domain: 1) == [1])
    #expect(restricted.candidatesLabel(domain: 0) == "seen in book")
    // The catalogue's own lists (a schema's items.domain) are named so.
    restricted.candidatesAreListed = true
    #expect(restricted.candidatesLabel(domain: 0) == "listed for book")
  }
}
