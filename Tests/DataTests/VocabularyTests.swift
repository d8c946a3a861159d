import Foundation
import Testing

@testable import PepnetData

@Suite struct VocabularyTests {
  @Test func minCountAndOutOfVocabulary() {
    let v = Vocabulary(name: "user_id", counts: ["a": 5, "b": 2, "c": 1, "d": 2], minCount: 2)
    #expect(v.size == 4)
    #expect(v.tokens == ["a", "b", "d"])  // by count, then by value
    #expect(v.index(of: "a") == 1)
    #expect(v.index(of: "d") == 3)
    #expect(v.index(of: "c") == 0)  // rarer than min count
    #expect(v.index(of: "never seen") == 0)
    #expect(v.token(at: 0) == nil)
    #expect(v.token(at: 2) == "b")
  }

  @Test func codableRoundTripKeepsLookups() throws {
    let v = Vocabulary(name: "city", counts: ["x": 3, "y": 1], minCount: 1)
    let decoded = try JSONDecoder().decode(Vocabulary.self, from: JSONEncoder().encode(v))
    #expect(decoded == v)
    #expect(decoded.index(of: "y") == 2)
    #expect(decoded.index(of: "z") == 0)
  }

  @Test func fixedVocabularyKeepsOrder() {
    let v = Vocabulary(name: "domain", fixed: ["z", "a"])
    #expect(v.index(of: "z") == 1 && v.index(of: "a") == 2 && v.size == 3)
  }
}
