import PepnetInference
import PepnetModel
import Testing

/// Which gates each architecture has, as the explorer's gate panes are told (issue 13, item 16):
/// the baselines have neither, each ablation one, PEPNet both; every architecture says what it is.
@Suite struct ArchitectureGatesTests {
  @Test func gatesAndSummaryOfEachArchitecture() {
    let cases: [(Architecture, epnet: Bool, ppnet: Bool)] = [
      (.dnn, false, false), (.sharedBottom, false, false), (.mmoe, false, false), (.ple, false, false),
      (.epnetOnly, true, false), (.ppnetOnly, false, true), (.pepnet, true, true),
      (.pepnetNoStopGradient, true, true), (.pepnetPriorGatesOnly, true, true),
    ]
    #expect(Set(cases.map(\.0)) == Set(Architecture.allCases), "every architecture is listed")
    for (architecture, epnet, ppnet) in cases {
      #expect(architecture.hasEPNet == epnet, "\(architecture) EPNet")
      #expect(architecture.hasPPNet == ppnet, "\(architecture) PPNet")
      #expect(architecture.summary.hasSuffix("."), "\(architecture) summary is a sentence")
    }
  }
}
