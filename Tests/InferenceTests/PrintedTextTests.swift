import PepnetInference
import PepnetText
import Testing

/// The pieces of printed text that come from users and files: blend weights, echoed names,
/// control characters, and rankings of non-finite scores.
@Suite struct PrintedTextTests {
  @Test func blendWeightsParseWithinTheRange() throws {
    let blend = try BlendWeights(parsing: " like = 1, hate=-5 ,follow=5")
    #expect(blend.pairs.map(\.task) == ["like", "hate", "follow"])
    #expect(blend.pairs.map(\.weight) == [1, -5, 5])
    #expect(try blend.weights(for: ["follow", "like", "comment", "hate"]) == [5, 1, 0, -5])
    #expect(BlendWeights.rangeText == "-5...5")
  }

  @Test(arguments: [
    ("", "is empty; give TASK=NUMBER pairs such as like=1,follow=2"),
    (",,", "is empty; give TASK=NUMBER pairs such as like=1,follow=2"),
    ("like=0,hate=0", "are all 0: every item would score 0"),
    ("like=1,like=1", "names task 'like' twice"),
    ("like=5.01", "'like=5.01': a weight must be a number in -5...5"),
    ("like=-inf", "'like=-inf': a weight must be a number in -5...5"),
    ("like=nan", "'like=nan': a weight must be a number in -5...5"),
    ("like", "wants TASK=NUMBER pairs separated by commas, e.g. like=1,follow=2; got 'like'"),
    ("=2", "wants TASK=NUMBER pairs separated by commas, e.g. like=1,follow=2; got '=2'"),
    ("like=2,", "wants TASK=NUMBER pairs separated by commas, e.g. like=1,follow=2; got ''"),
  ])
  func blendWeightsRefuse(_ text: String, _ problem: String) {
    #expect(throws: BlendWeights.Problem.self) { try BlendWeights(parsing: text) }
    do {
      _ = try BlendWeights(parsing: text)
    } catch {
      #expect("\(error)" == problem)
    }
  }

  @Test func unknownTasksInBlendWeightsNameTheClosest() throws {
    let blend = try BlendWeights(parsing: "folow=1")
    #expect(throws: BlendWeights.UnknownTask.self) { try blend.weights(for: ["follow", "like"]) }
  }

  @Test func controlCharactersAreEscaped() {
    #expect("a\u{1B}[2Jb\u{7}".escapingControlCharacters() == "a\\u{1B}[2Jb\\u{7}")
    #expect("x\u{9B}y\u{7F}".escapingControlCharacters() == "x\\u{9B}y\\u{7F}")
    #expect("l1\nl2\t".escapingControlCharacters() == "l1\\u{A}l2\\u{9}")
    #expect("l1\nl2".escapingControlCharacters(keepingLineBreaks: true) == "l1\nl2")
    #expect("Ünïcödé 東京 ✓".escapingControlCharacters() == "Ünïcödé 東京 ✓")
  }

  @Test func echoedNamesAreShortAndEscaped() {
    #expect(NameResolver.echo("u5") == "u5")
    #expect(NameResolver.echo(String(repeating: "a", count: 64)) == String(repeating: "a", count: 64))
    #expect(NameResolver.echo(String(repeating: "a", count: 65)) == String(repeating: "a", count: 64) + "…")
    #expect(NameResolver.echo("u\u{1B}[2J") == "u\\u{1B}[2J")
  }

  @Test func absurdlyLongNamesGetNoClosestNames() {
    let ids = (0..<100).map { "u\($0)" }
    #expect(NameResolver.closest(to: "u5x", in: ids) == ["u5", "u50", "u51"])
    #expect(NameResolver.closest(to: String(repeating: "u", count: 257), in: ids).isEmpty)
    #expect(
      NameResolver.unknown("user", String(repeating: "u", count: 100_000), among: ids)
        == "unknown user '\(String(repeating: "u", count: 64))…'")
  }

  @Test func nonFiniteScoresAreFoundAndSortLast() {
    let scores: [[Float]] = [[0.5, .nan, 0.9, 0.1], [0.1, 0.2, 0.3, .infinity]]
    let bad = RankedList.firstNonFinite(in: scores)
    #expect(bad?.task == 0 && bad?.item == 1 && bad?.value.isNaN == true)
    #expect(RankedList.firstNonFinite(in: [[0.5, 0.2], [0.1, 1]]) == nil)
    let list = RankedList(scores: [[0.5, .nan, 0.9, .nan, 0.1]], weights: [1])
    #expect(list.entries.map(\.item) == [2, 0, 4, 1, 3])
  }
}
