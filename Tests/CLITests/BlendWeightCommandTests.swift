import Foundation
import Testing

/// Negative-feedback tasks end to end (issue 13, item 5): a bundle trained on generated data marks
/// `hate`, so `rank` and the explorer subtract it by default; `explore --weights` sets the formula.
@Suite struct BlendWeightCommandTests {
  @Test func rankSubtractsHateByDefault() throws {
    let fixture = try ErrorFixture.shared.get()
    let config = try String(contentsOfFile: fixture.model + "/config.json", encoding: .utf8)
    #expect(config.contains("\"negative_tasks\""), "train copies the schema's negative_tasks")
    let r = try fixture.run(["rank", "--model", fixture.model, "--user", "u1", "--domain", "featured"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("ranked by sum of task probabilities, minus hate"), "\(r.stdout)")
  }

  @Test func exploreStartsWithTheGivenWeightsAndShowsTheFormula() throws {
    let fixture = try ErrorFixture.shared.get()
    let r = try fixture.run(["explore", fixture.model, "--snapshot", "--size", "120x40"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("-1.0"), "hate starts at -1:\n\(r.stdout)")
    let weighted = try fixture.run([
      "explore", "--synthetic", "--snapshot", "--size", "120x40", "--weights", "like=1,longview=-2",
    ])
    #expect(weighted.status == 0, "\(weighted.stderr)")
    let weightsRow = weighted.stdout.components(separatedBy: "\n")[3]
    #expect(weightsRow.contains("1.0  0.0    0.0     0.0     -2.0"), "\(weightsRow)")
  }
}
