import Foundation
import Testing

/// The explorer's overview and effect views (issue 14) draw the numbers `pepnet inspect` and
/// `pepnet rank --gates` print: the same Inference code, checked through the real binary on the
/// tiny fixture bundle, cell by cell and move by move.
@Suite struct ExploreViewTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
  /// `.87`, `1.30`: two decimals without a leading zero, as the explorer writes spreads.
  func short(_ value: Double) -> String {
    let text = fixed(value, 2)
    return text.hasPrefix("0.") ? String(text.dropFirst()) : text
  }

  func snapshot(_ fixture: ErrorFixture, _ arguments: [String]) throws -> String {
    let r = try fixture.run(["explore", fixture.model, "--snapshot", "--size", "200x60"] + arguments)
    #expect(r.status == 0, "\(r.stderr)")
    return r.stdout
  }

  @Test func overviewShowsInspectsNumbers() throws {
    let fixture = try ErrorFixture.shared.get()
    let r = try fixture.run(["inspect", "--model", fixture.model, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r.stdout)
    let frame = try snapshot(fixture, ["--view", "overview"])
    let lines = frame.components(separatedBy: "\n")
    let fields = try #require(j["fields"] as? [String])
    let epnet = try #require(j["epnet"] as? [[String: Any]])
    let sample = try #require(j["sample"] as? [String: Any])
    #expect(
      frame.contains("\(sample["users"] as! Int) users × \(sample["items_per_user"] as! Int) items"),
      "the sample is named")
    for (f, field) in fields.enumerated() {
      // The field's row holds every domain's cell, in domain order.
      let row = try #require(lines.first { $0.hasPrefix("│\(field) ") }, "no row for \(field)")
      var rest = Substring(row)
      for domain in epnet {
        let cell = (domain["fields"] as! [[String: Any]])[f]
        let text =
          "\(fixed(cell["mean"] as! Double, 2)) \(short(cell["p10"] as! Double))-\(short(cell["p90"] as! Double))"
        let found = try #require(rest.range(of: text), "\(field): \(text) not in '\(row)'")
        rest = rest[found.upperBound...]
      }
    }
    let ppnet = try #require(j["ppnet"] as? [[String: Any]])
    let tasks = try #require(ppnet.first?["tasks"] as? [[String: Any]])
    let first = try #require((tasks.first?["layers"] as? [[String: Any]])?.first)
    let task = try #require(tasks.first?["task"] as? String)
    let row = try #require(lines.first { $0.contains("│\(task) ") && $0.contains(" L1 ") })
    #expect(
      row.contains("\(fixed(first["mean"] as! Double, 2)) \(short(first["p10"] as! Double))-"),
      "PPNet's first layer: '\(row)'")
    let health = try #require(j["health"] as? [String: [String: Int]])
    for (name, key) in [("EPNet", "epnet"), ("PPNet", "ppnet")] {
      let h = try #require(health[key])
      let saturated = fixed(Double(h["saturated"]!) / Double(h["values"]!) * 100, 1) + "%"
      let dead = fixed(Double(h["dead"]!) / Double(h["units"]!) * 100, 1) + "% of \(h["units"]!)"
      let line = try #require(lines.first { $0.hasPrefix("│\(name)  ") }, "no health row for \(name)")
      #expect(line.contains(saturated) && line.contains(dead), "\(name) health: '\(line)'")
    }
    for contrast in (j["contrasts"] as? [[String: Any]]) ?? [] {
      let words = (contrast["sentence"] as! String).split(separator: " ").prefix(4).joined(separator: " ")
      #expect(frame.contains(words), "contrast '\(words)'")
    }
  }

  @Test(arguments: ["average-epnet", "average-ppnet", "average"])
  func effectShowsRanksComparison(average: String) throws {
    let fixture = try ErrorFixture.shared.get()
    let frame = try snapshot(
      fixture, ["--view", "effect", "--average", average, "--user", "u3", "--domain", "featured"])
    let r = try fixture.run(
      [
        "rank", "--model", fixture.model, "--user", "u3", "--domain", "featured", "--gates", average, "--top",
        "20", "--json",
      ] + taskArguments(frame))
    #expect(r.status == 0, "\(r.stderr)")
    let versus = try #require(try json(r.stdout)["versus_own"] as? [String: Any])
    let top = versus["top"] as! Int
    #expect(frame.contains("(\(average))"), "the average gates are named")
    #expect(frame.contains("top-\(top) overlap \(versus["overlap"] as! Int)/\(top)"), "\(frame)")
    #expect(frame.contains("Spearman's rank correlation \(fixed(versus["spearman"] as! Double, 4))"))
    let lines = frame.components(separatedBy: "\n")
    for key in ["moved_up", "moved_down"] {
      for move in versus[key] as! [[String: Any]] {
        let text = "#\(move["rank"] as! Int)→#\(move["own_rank"] as! Int)"
        #expect(
          lines.contains { $0.contains(text) && $0.contains(" \(move["item"] as! String) ") },
          "\(key) \(text) \(move["item"]!)")
      }
    }
  }

  /// `--task NAME` for the ranking tab the effect view compares (the first task by default).
  func taskArguments(_ frame: String) throws -> [String] {
    let header = try #require(
      frame.components(separatedBy: "\n").first { $0.contains("Effect of personalisation") })
    let task = try #require(header.components(separatedBy: " · ").last?.split(separator: " ").first)
    return ["--task", String(task)]
  }

  @Test func modelWithoutGatesSaysSo() throws {
    let fixture = try ErrorFixture.shared.get()
    for view in ["overview", "effect"] {
      let r = try fixture.run(["explore", fixture.dnn, "--snapshot", "--view", view])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.contains("This model (dnn) has no"), "\(view): \(r.stdout)")
    }
  }
}
