import Foundation
import Testing

/// A trained baseline bundle in the explorer (issue 13, item 16): its gate panes were blank; they
/// name the architecture and say why there are no gates, and the rankings still show.
@Suite struct ExploreBaselineTests {
  @Test func dnnBundleExplainsItsMissingGates() throws {
    let fixture = try ErrorFixture.shared.get()
    let r = try fixture.run(["explore", fixture.dnn, "--snapshot", "--size", "120x40"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.components(separatedBy: "This model (dnn) is a DNN baseline").count == 3, "\(r.stdout)")
    #expect(r.stdout.contains("▶  1 "), "the ranking is drawn")
    #expect(!r.stdout.contains("waiting for gates"))
  }
}
