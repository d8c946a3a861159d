import Foundation
import Testing

@testable import PepnetData

/// docs/model-format.md's "`pipeline.json`" section is enough to serve a bundle: an encoder
/// written from that text alone, reading the JSON with no pepnet type, gives exactly
/// `FeaturePipeline.encode`'s ids for catalogue users and items, unknown ones, cells without
/// impressions, and given or defaulted context.
struct PipelineFormatDocTests {
  static let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/bundle-before-tie-fix/model/pipeline.json")

  /// The documented encoding, from the raw JSON.
  struct DocumentedEncoder {
    let json: [String: Any]

    /// A vocabulary as a lookup: `tokens[i]` has index i + 1; without a token, a numeric
    /// vocabulary (one with `cuts`) maps a number x that is not one of `schema.missing` to
    /// 1 + (the number of cuts <= x), in Float32; anything else is 0.
    func vocabulary(_ object: Any?) -> [String: Int32] {
      let tokens = (object as! [String: Any])["tokens"] as! [String]
      var index: [String: Int32] = [:]
      for (i, token) in tokens.enumerated() { index[token] = Int32(i + 1) }
      return index
    }

    /// The ids of one feature's raw cell: its index, or for a multi-valued feature (one
    /// `schema.multi` names) the known values' indices in cell order then `-1` padding to
    /// `multi_max_values` ids (`[0, -1, ...]` when none is known).
    func ids(_ vocab: Any, _ cell: String?) -> [Int32] {
      let schema = json["schema"] as! [String: Any]
      let name = (vocab as! [String: Any])["name"] as! String
      guard let separator = (schema["multi"] as? [String: String])?[name] else {
        return [cell.map { index(vocab, $0) } ?? 0]
      }
      let slots = schema["multi_max_values"] as? Int ?? 16
      let missing = schema["missing"] as? [String] ?? []
      var known: [Int32] = []
      for value in (cell ?? "").components(separatedBy: separator)
      where !value.isEmpty && !missing.contains(value) {
        if let index = vocabulary(vocab)[value], known.count < slots { known.append(index) }
      }
      if known.isEmpty { known = [0] }
      return known + [Int32](repeating: -1, count: slots - known.count)
    }

    func index(_ object: Any?, _ value: String) -> Int32 {
      if let known = vocabulary(object)[value] { return known }
      let vocab = object as! [String: Any]
      let missing = ((json["schema"] as! [String: Any])["missing"] as? [String]) ?? []
      guard let cuts = (vocab["cuts"] as? [NSNumber])?.map(\.floatValue),
        !(vocab["tokens"] as! [String]).isEmpty, !missing.contains(value), let x = Self.number(value)
      else { return 0 }
      return Int32(1 + cuts.filter { $0 <= x }.count)
    }

    /// docs/model-format.md's number: an optional sign, digits with an optional point (or a point
    /// and digits), an optional exponent; read as the nearest Float32, and finite.
    static func number(_ text: String) -> Float? {
      guard
        text.range(of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"#, options: .regularExpression)
          != nil,
        let x = Float(text), x.isFinite
      else { return nil }
      return x
    }

    func encode(user: String, item: String, domain: String, context: [String: String])
      -> (general: [Int32], domainSide: [Int32])
    {
      let users = json["users"] as! [String: Any]
      let items = json["items"] as! [String: Any]
      let u = (users["ids"] as! [String]).firstIndex(of: user)
      let i = (items["ids"] as! [String]).firstIndex(of: item)
      var general: [Int32] = [
        index(json["user_ids"], user), index(json["item_ids"], item),
      ]
      // No author field when the schema names no author column.
      if (json["schema"] as! [String: Any])["items"].flatMap({ ($0 as! [String: Any])["author_id"] }) != nil {
        general.append(i.map { index(json["author_ids"], (items["authors"] as! [String])[$0]) } ?? 0)
      }
      for (f, vocab) in (json["user_features"] as! [Any]).enumerated() {
        general += ids(vocab, u.map { (users["features"] as! [[String]])[f][$0] })
      }
      for (f, vocab) in (json["item_features"] as! [Any]).enumerated() {
        general += ids(vocab, i.map { (items["features"] as! [[String]])[f][$0] })
      }
      let defaults = json["context_defaults"] as! [Int]
      for (f, vocab) in (json["context"] as! [[String: Any]]).enumerated() {
        let name = vocab["name"] as! String
        if let value = context[name] {
          general += ids(vocab, value)
        } else {
          // The default index alone (a multi-valued field's default is one value).
          let width = ids(vocab, nil).count
          general += [Int32(defaults[f])] + [Int32](repeating: -1, count: width - 1)
        }
      }
      let s = json["statistics"] as! [String: Any]
      let d = ((json["schema"] as! [String: Any])["domains"] as! [String]).firstIndex(of: domain)!
      let smoothing = (s["smoothing"] as! NSNumber).floatValue
      let priors = (s["priors"] as! [NSNumber]).map(\.floatValue)
      let countBuckets = s["countBuckets"] as! Int
      var domainSide: [Int32] = [Int32(d + 1)]
      for (table, key) in [(s["users"] as! [String: Any], user), (s["items"] as! [String: Any], item)] {
        let domainCount = table["domain_count"] as! Int
        let taskCount = table["task_count"] as! Int
        let r = (table["keys"] as! [String]).firstIndex(of: key)
        let c = (r ?? 0) * domainCount + d
        let n = r == nil ? 0 : (table["impressions"] as! [Int])[c]
        domainSide.append(n == 0 ? 0 : Int32(min(Int.bitWidth - n.leadingZeroBitCount, countBuckets)))
        for k in 0..<taskCount {
          guard n > 0 else {
            domainSide.append(0)
            continue
          }
          let positives = (table["positives"] as! [Int])[c * taskCount + k]
          let rate = (Float(positives) + smoothing * priors[d * taskCount + k]) / (Float(n) + smoothing)
          let cuts = ((table["rate_cuts"] as! [[NSNumber]])[k]).map(\.floatValue)
          domainSide.append(Int32(1 + cuts.filter { $0 <= rate }.count))
        }
      }
      return (general, domainSide)
    }
  }

  @Test func documentedEncodingMatchesThePipeline() throws {
    let data = try Data(contentsOf: Self.bundle)
    let pipeline = try JSONDecoder().decode(FeaturePipeline.self, from: data)
    let documented = DocumentedEncoder(json: try JSONSerialization.jsonObject(with: data) as! [String: Any])
    let users = pipeline.users.ids + ["stranger"]
    let items = pipeline.items.ids + ["unseen"]
    var checked = 0
    var emptyCells = 0
    for (n, user) in users.enumerated() {
      for (m, item) in items.enumerated() where (n + m) % 7 == 0 {
        for domain in pipeline.domainNames {
          let context = (n + m) % 3 == 0 ? [:] : ["hour": "\((n + m) % 24)", "network": "5g"]
          let expected = try pipeline.encode(user: user, item: item, domain: domain, context: context)
          let got = documented.encode(user: user, item: item, domain: domain, context: context)
          #expect(got.general == expected.general, "\(user) \(item) \(domain)")
          #expect(got.domainSide == expected.domainSide, "\(user) \(item) \(domain)")
          checked += 1
          if expected.domainSide[1] == 0 { emptyCells += 1 }
        }
      }
    }
    #expect(checked > 1000)
    #expect(emptyCells > 0, "some (user, domain) cells have no impressions")
  }

  /// The same for multi-valued features (a side one and a context one): the documented split,
  /// lookup and padding give `encode`'s ids.
  @Test func documentedEncodingOfMultiValuedFeaturesMatchesThePipeline() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let pipeline = try FeaturePipeline.build(dataset: try MultiValueTests.dataset(in: dir))
    let data = try JSONEncoder().encode(pipeline)
    let documented = DocumentedEncoder(json: try JSONSerialization.jsonObject(with: data) as! [String: Any])
    var checked = 0
    for user in pipeline.users.ids + ["stranger"] {
      for item in pipeline.items.ids + ["unseen"] {
        for tags in [nil, "x", "y;x", "z", "", "NA;y", ";x;;"] {
          let context = tags.map { ["tags": $0] } ?? [:]
          let expected = try pipeline.encode(user: user, item: item, domain: "a", context: context)
          let got = documented.encode(user: user, item: item, domain: "a", context: context)
          #expect(got.general == expected.general, "\(user) \(item) \(tags ?? "default")")
          checked += 1
        }
      }
    }
    #expect(checked == 5 * 4 * 7)
  }

  /// The same for numeric features (`cuts`): a user, an item and a context feature cut into
  /// buckets, with a missing value, numbers on and between the cuts, bucket ranges given as
  /// values, and cells that are no number.
  @Test func documentedEncodingMatchesThePipelineForNumericFeatures() throws {
    let dir = TempDir()
    defer { dir.remove() }
    var schema = Fixture.schema
    schema.users.features = ["followers"]
    schema.items.features = ["category", "length"]
    schema.numeric = ["followers", "length", "hour"]
    schema.numericBuckets = 3
    schema.missing = ["NA", "-1"]
    _ = Fixture.write(to: dir)
    try schema.write(to: dir.url.appendingPathComponent("schema.json"))
    dir.write("users.csv", "user,followers\nu1,5\nu2,100\nu3,NA\nu4,7\n")
    dir.write(
      "items.csv",
      "item,author,category,length,title\ni1,a1,food,12.5,\"Noodles, hand-pulled\"\ni2,a1,pets,-1,Cat\n"
        + "i3,a2,food,3e1,Tea\n")
    let pipeline = try FeaturePipeline.build(dataset: Dataset(directory: dir.url))
    let data = try JSONEncoder().encode(pipeline)
    let raw = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let cuts = (raw["context"] as! [[String: Any]])[0]["cuts"] as? [NSNumber]
    #expect(cuts?.isEmpty == false, "hour is cut")
    let documented = DocumentedEncoder(json: raw)
    let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: data)
    let hours =
      [
        "1", "1.5", "2", "2.5", "3", "+2", ".5", "1e40", "-1", "NA", "x", " 2", "0x2", "inf",
      ] + (((raw["context"] as! [[String: Any]])[0]["tokens"] as! [String]))
    var checked = 0
    for user in decoded.users.ids + ["stranger"] {
      for item in decoded.items.ids + ["unseen"] {
        for domain in decoded.domainNames {
          for hour in hours.map({ Optional($0) }) + [nil] {
            let context = hour.map { ["hour": $0] } ?? [:]
            let expected = try decoded.encode(user: user, item: item, domain: domain, context: context)
            let got = documented.encode(user: user, item: item, domain: domain, context: context)
            #expect(got.general == expected.general, "\(user) \(item) \(domain) \(hour ?? "-")")
            #expect(got.domainSide == expected.domainSide, "\(user) \(item) \(domain)")
            checked += 1
          }
        }
      }
    }
    #expect(checked > 500)
  }
}
