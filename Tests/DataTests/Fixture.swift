import Foundation

@testable import PepnetData

/// A tiny hand-written dataset: 2 domains, 2 tasks, one context field.
enum Fixture {
  static let schema = DatasetSchema(
    impressions: .init(
      userId: "user", itemId: "item", domain: "tab", context: ["hour"], tasks: ["click", "like"],
      oracle: ["click": "p_click", "like": "p_like"]),
    domains: ["a", "b"],
    users: .init(id: "user", features: ["age"]),
    items: .init(id: "item", authorId: "author", title: "title", features: ["category"]))

  static let train = """
    user,item,tab,hour,click,like
    u1,i1,a,1,1,0
    u1,i2,a,1,0,0
    u1,i1,b,2,1,
    u2,i1,a,1,0,1
    u2,i3,b,2,1,0
    u3,i2,a,3,0,0

    """

  /// Valid has unseen user u4 (in the catalog), u9 and i9 (in no file), and oracle columns.
  static let valid = """
    user,item,tab,hour,click,like,p_click,p_like
    u4,i1,a,1,1,0,0.5,0.25
    u4,i1,b,9,0,0,0.125,0.0312
    u9,i9,a,1,0,1,0.75,1
    u1,i1,b,2,1,1,0.9,0.1

    """

  /// Writes the dataset into `dir`, with `train` overridable to inject errors.
  static func write(to dir: TempDir, train: String = Fixture.train) -> Dataset {
    try! schema.write(to: dir.url.appendingPathComponent("schema.json"))
    dir.write("users.csv", "user,age\nu1,young\nu2,old\nu3,young\nu4,old\n")
    dir.write(
      "items.csv",
      "item,author,category,title\ni1,a1,food,\"Noodles, hand-pulled\"\ni2,a1,pets,Cat\ni3,a2,food,Tea\n")
    dir.write("train.csv", train)
    dir.write("valid.csv", valid)
    dir.write("test.csv", valid)
    return try! Dataset(directory: dir.url)
  }
}
