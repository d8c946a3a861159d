import PepnetNumerics

/// Readable item titles from word lists, e.g. "Street food tour in Chengdu".
enum TitleMaker {
  static func title(category: Int, rng: inout SeededRNG) -> String {
    let subjects = SyntheticVocabulary.categories[category].subjects
    let subject = subjects[rng.below(subjects.count)]
    switch rng.below(4) {
    case 0: return "\(subject) in \(SyntheticVocabulary.cities[rng.below(SyntheticVocabulary.cities.count)])"
    case 1:
      let adjective = SyntheticVocabulary.adjectives[rng.below(SyntheticVocabulary.adjectives.count)]
      return "\(adjective) \(subject.prefix(1).lowercased() + subject.dropFirst())"
    case 2: return "\(subject): \(SyntheticVocabulary.hooks[rng.below(SyntheticVocabulary.hooks.count)])"
    default: return "\(subject), part \(2 + rng.below(8))"
    }
  }
}
