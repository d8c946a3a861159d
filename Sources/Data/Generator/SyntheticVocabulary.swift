/// Names used by the synthetic world: domains, tasks with target positive rates, user and item
/// attribute values, and the word lists that make readable item titles.
enum SyntheticVocabulary {
  static let domains = ["double_column", "single_column", "featured"]
  /// Share of traffic per domain before user preferences.
  static let domainShares: [Double] = [0.45, 0.40, 0.15]

  static let tasks = ["long_view", "like", "comment", "forward", "follow", "hate"]
  /// Overall positive rate each task is calibrated to.
  static let targetRates: [Double] = [0.30, 0.05, 0.01, 0.01, 0.005, 0.003]

  static let ageBands = ["<18", "18-24", "25-34", "35-49", "50+"]
  static let ageShares: [Double] = [0.10, 0.30, 0.30, 0.20, 0.10]
  static let genders = ["f", "m"]
  static let cityTiers = ["t1", "t2", "t3", "t4"]
  static let cityShares: [Double] = [0.15, 0.25, 0.30, 0.30]
  static let activityLevels = ["low", "mid", "high"]
  static let activityShares: [Double] = [0.40, 0.40, 0.20]
  /// Relative impression volume per activity level.
  static let activityVolume: [Double] = [0.5, 1.0, 2.0]

  static let durations = ["short", "mid", "long"]
  static let durationShares: [Double] = [0.50, 0.35, 0.15]
  static let networks = ["wifi", "4g", "5g"]
  static let networkShares: [Double] = [0.65, 0.30, 0.05]
  /// Relative traffic per hour of day (0...23).
  static let hourShares: [Double] = [
    3, 2, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 6, 5, 4, 4, 5, 5, 6, 7, 8, 8, 7, 5,
  ]

  /// Categories with subjects for titles.
  static let categories: [(name: String, subjects: [String])] = [
    (
      "food",
      ["Street food tour", "Hand-pulled noodles", "Hotpot night", "Dumpling making", "Spicy crayfish feast"]
    ),
    (
      "travel",
      [
        "Night train ride", "Hidden mountain village", "Old town walk", "Lake camping trip",
        "Border market visit",
      ]
    ),
    (
      "gaming",
      ["Speedrun attempt", "Ranked match highlights", "Boss fight", "New patch review", "Retro console haul"]
    ),
    (
      "music", ["Erhu cover", "Street guitar session", "Rooftop concert", "Piano practice", "Folk song duet"]
    ),
    (
      "dance",
      [
        "Square dance routine", "Street dance battle", "Ballet warm-up", "Viral dance challenge",
        "Tap dance lesson",
      ]
    ),
    (
      "pets",
      [
        "Cat vs cucumber", "Corgi morning routine", "Rescue kitten update", "Parrot that talks back",
        "Puppy's first snow",
      ]
    ),
    (
      "comedy",
      ["Office prank", "Dialect comedy skit", "Fake cooking show", "Awkward family dinner", "Stand-up set"]
    ),
    (
      "sports",
      [
        "Table tennis rally", "Badminton smash drill", "Marathon finish", "Basketball trick shots",
        "Kung fu training",
      ]
    ),
    (
      "beauty",
      [
        "Ten-minute makeup", "Skincare routine", "Hanfu hairstyle", "Nail art tutorial",
        "Makeup transformation",
      ]
    ),
    (
      "fashion",
      ["Thrift haul", "Street style check", "Outfit of the week", "Sneaker unboxing", "Tailor shop visit"]
    ),
    (
      "tech",
      [
        "Phone teardown", "Budget laptop review", "Drone footage test", "Smart home setup",
        "Battery torture test",
      ]
    ),
    (
      "education",
      ["Calligraphy basics", "Math trick", "History in five minutes", "English idioms", "Chemistry at home"]
    ),
    (
      "cars",
      [
        "Electric car road test", "Night drive", "Mechanic fixes classic", "Parking challenge",
        "Tractor restoration",
      ]
    ),
    (
      "parenting",
      ["Toddler bedtime", "Lunchbox ideas", "Twins first day", "Homework battle", "Family road trip"]
    ),
    (
      "fitness",
      ["Morning stretch", "Home workout", "Tai chi session", "Rope skipping challenge", "Thirty-day plank"]
    ),
    (
      "farming",
      ["Rice harvest", "Tea picking", "Orchard pruning", "Fish pond cleanup", "Village market day"]
    ),
  ]

  static let cities = [
    "Chengdu", "Chongqing", "Harbin", "Xi'an", "Hangzhou", "Guangzhou", "Kunming", "Lhasa", "Xiamen",
    "Qingdao",
    "Changsha", "Beijing", "Shanghai", "Wuhan", "Suzhou", "Dali",
  ]
  static let adjectives = [
    "Unexpected", "Rainy day", "Late night", "Beginner's", "Ultimate", "Slow-motion", "Weekend", "Homemade",
    "First-time", "Tiny", "Epic", "Quiet",
  ]
  static let hooks = [
    "you won't believe the ending", "day 3", "full version", "behind the scenes", "the honest review",
    "with grandma", "no talking", "what went wrong",
  ]
}
