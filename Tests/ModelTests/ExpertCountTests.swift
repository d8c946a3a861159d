import Testing

@testable import PepnetModel

/// `expertCount` bounds: MMoE and PLE need an expert (none trains a constant model), the other
/// architectures ignore the count; `train --experts` asks 1...1024 of every architecture.
@Suite struct ExpertCountTests {
  @Test(arguments: Architecture.allCases)
  func noExpertsIsAProblemOnlyWhereExpertsAreUsed(architecture: Architecture) {
    var config = smallConfig(architecture: architecture)
    config.expertCount = 0
    let expected: String? =
      architecture.hasExperts ? "expertCount is 0; it must be in 1...\(ModelConfig.maximumExpertCount)" : nil
    #expect(config.sizeProblem == expected)
    config.expertCount = ModelConfig.maximumExpertCount + 1
    #expect(config.sizeProblem?.hasPrefix("expertCount is 1025") == true)
    config.expertCount = 1
    #expect(config.sizeProblem == nil)
  }

  @Test func onlyMMoEAndPLEHaveExperts() {
    #expect(Architecture.allCases.filter(\.hasExperts) == [.mmoe, .ple])
  }
}
