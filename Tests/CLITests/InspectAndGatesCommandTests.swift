import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `pepnet inspect`, `pepnet rank --gates` and `pepnet explore --snapshot --format` through the
/// real binary on the tiny fixture bundle: the JSON names every domain and field, `--gates own`
/// is the plain ranking byte for byte, average gates change it and say by how much, and the
/// exported frames parse. (The numbers themselves are checked in InferenceTests against brute
/// force.)
@Suite struct InspectAndGatesCommandTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func inspectPrintsEveryDomainAndFieldByName() throws {
    let fixture = try ErrorFixture.shared.get()
    let r = try fixture.run(["inspect", "--model", fixture.model, "--sample", "12", "--seed", "3", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r.stdout)
    let domains = try #require(j["domains"] as? [String])
    let fields = try #require(j["fields"] as? [String])
    let tasks = try #require(j["tasks"] as? [String])
    #expect(domains.contains("featured") && fields.contains("user_id") && !tasks.isEmpty)
    let sample = try #require(j["sample"] as? [String: Any])
    #expect(
      sample["users"] as? Int == 12 && sample["items_per_user"] as? Int == 8 && sample["seed"] as? Int == 3)
    let epnet = try #require(j["epnet"] as? [[String: Any]])
    #expect(epnet.map { $0["domain"] as? String } == domains)
    for domain in epnet {
      let rows = try #require(domain["fields"] as? [[String: Any]])
      #expect(rows.map { $0["name"] as? String } == fields)
      for row in rows {
        let (mean, p10, p90) = (row["mean"] as! Double, row["p10"] as! Double, row["p90"] as! Double)
        #expect(p10 <= p90 && mean > 0 && mean < 2)
      }
    }
    let ppnet = try #require(j["ppnet"] as? [[String: Any]])
    let firstTasks = try #require(ppnet.first?["tasks"] as? [[String: Any]])
    #expect(firstTasks.map { $0["task"] as? String } == tasks)
    let health = try #require(j["health"] as? [String: [String: Int]])
    #expect(
      health["epnet"]?["values"] == 12 * 8 * domains.count * fields.count
        * (health["epnet"]!["units"]! / (domains.count * fields.count)))
    // The same seed gives the same output; text names the sample.
    let again = try fixture.run([
      "inspect", "--model", fixture.model, "--sample", "12", "--seed", "3", "--json",
    ])
    #expect(again.stdout == r.stdout)
    let text = try fixture.run(["inspect", "--model", fixture.model, "--sample", "12", "--seed", "3"])
    #expect(text.status == 0)
    #expect(
      text.stdout.hasPrefix("gates of \(fixture.model) over 12 users × 8 items in each domain (seed 3)\n"))
    #expect(
      text.stdout.contains("EPNet gate per general field and domain") && text.stdout.contains("gate health:"))
  }

  @Test func ownGatesAreThePlainRankingAndAveragesChangeIt() throws {
    let fixture = try ErrorFixture.shared.get()
    let base = [
      "rank", "--model", fixture.model, "--user", "u1", "--domain", "featured", "--top", "30", "--json",
      "--candidates", "all",
    ]
    let plain = try fixture.run(base)
    let own = try fixture.run(base + ["--gates", "own"])
    #expect(plain.status == 0 && own.status == 0)
    #expect(own.stdout == plain.stdout)
    #expect(try json(plain.stdout)["gates"] as? String == "own")
    var rhos: [Double] = []
    for choice in ["average-epnet", "average-ppnet", "average"] {
      let r = try fixture.run(base + ["--gates", choice, "--sample", "10"])
      #expect(r.status == 0, "\(r.stderr)")
      let j = try json(r.stdout)
      #expect(j["gates"] as? String == choice)
      let versus = try #require(j["versus_own"] as? [String: Any])
      // The whole 30-item catalog: the top-30 lists hold the same items.
      #expect(versus["top"] as? Int == 30 && versus["overlap"] as? Int == 30)
      let rho = try #require(versus["spearman"] as? Double)
      #expect(rho <= 1 && rho >= -1)
      rhos.append(rho)
      #expect(r.stdout != plain.stdout, "the scores change")
    }
    #expect(rhos.contains { $0 < 1 }, "some order changes: \(rhos)")
  }

  /// Every PEPNet layout and ablation: `inspect` reports the networks the model has, and
  /// `rank --gates` averages what it has and refuses what it lacks.
  @Test(arguments: [
    [
      "--epnet-granularity", "fieldwise", "--ppnet-placement", "post", "--ppnet-gating", "per_task",
      "--ungated-final-layer",
    ],
    ["--arch", "ppnet-only"],
    ["--arch", "epnet-only"],
  ])
  func everyLayoutAndAblation(_ options: [String]) throws {
    let fixture = try ErrorFixture.shared.get()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pepnet-layout-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let trained = try fixture.run(
      [
        "train", "--data", fixture.data, "--out", dir, "--epochs", "1", "--batch-size", "256", "--tower", "8",
        "--emb-dim", "4", "--gate-hidden", "8",
      ]
        + options)
    #expect(trained.status == 0, "\(trained.stderr)")
    let r = try fixture.run(["inspect", "--model", dir, "--sample", "6", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r.stdout)
    let hasEPNet = !options.contains("ppnet-only")
    let hasPPNet = !options.contains("epnet-only")
    let epnet = try #require(j["epnet"] as? [[String: Any]])
    let ppnet = try #require(j["ppnet"] as? [[String: Any]])
    #expect(epnet.isEmpty == !hasEPNet && ppnet.isEmpty == !hasPPNet)
    if hasEPNet {
      #expect((epnet[0]["fields"] as? [Any])?.count == (j["fields"] as? [Any])?.count)
    }
    if options.contains("--ungated-final-layer") {
      let tasks = try #require(ppnet[0]["tasks"] as? [[String: Any]])
      #expect((tasks[0]["layers"] as? [Any])?.count == 1, "one hidden layer gated, the final one not")
    }
    let text = try fixture.run(["inspect", "--model", dir, "--sample", "6"])
    #expect(text.status == 0 && text.stdout.contains("PPNet gate per task") == hasPPNet)
    for (choice, possible) in [
      ("average-epnet", hasEPNet), ("average-ppnet", hasPPNet), ("average", hasEPNet && hasPPNet),
    ] {
      let ranked = try fixture.run(
        [
          "rank", "--model", dir, "--user", "u1", "--domain", "featured", "--gates", choice, "--sample", "6",
          "--json",
        ])
      #expect(ranked.status == (possible ? 0 : 1), "\(choice): \(ranked.stderr)")
      if !possible {
        let missing = choice == "average-epnet" || !hasEPNet ? "EPNet" : "PPNet"
        #expect(
          ranked.stderr.hasSuffix("a \(options[1]) model has no \(missing) gates to average\n"),
          "\(ranked.stderr)")
      }
    }
  }

  @Test func snapshotsExportAsSVGAndHTMLThatParse() throws {
    let fixture = try ErrorFixture.shared.get()
    for format in ["svg", "html"] {
      let r = try fixture.run([
        "explore", fixture.model, "--snapshot", "--size", "100x30", "--format", format,
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let parser = XMLParser(data: Data(r.stdout.utf8))
      #expect(parser.parse(), "\(format): \(String(describing: parser.parserError))")
      #expect(r.stdout.contains("PEPNet explorer"))
    }
    let ansi = try fixture.run([
      "explore", fixture.model, "--snapshot", "--size", "100x30", "--format", "ansi",
    ])
    let text = try fixture.run([
      "explore", fixture.model, "--snapshot", "--size", "100x30", "--format", "text",
    ])
    #expect(ansi.stdout.contains("\u{1B}[") && !text.stdout.contains("\u{1B}"))
    let stripped = ansi.stdout.replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    func trimmed(_ s: String) -> [String] {
      s.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.reversed().drop { $0 == " " }.reversed())
      }
    }
    #expect(trimmed(stripped) == trimmed(text.stdout))
  }
}
