import PepnetText

/// Names shortened to the cells they have so that distinct names stay distinct (issue 18, item 10:
/// cut to 12 cells, KuaiRand's `onehot_feat10` … `onehot_feat17` all read `onehot_feat1`).
///
/// A name that fits is kept whole. Each name that does not is cut the first of these ways that
/// sets it apart from every other name cut the same way: the end cut (`follow_user…`), the start
/// cut (`…hot_feat10`), an ellipsis in the middle (`follow…range`, from an even split outwards).
/// Should two names still look the same, all are cut one way, the first that keeps them apart;
/// when none does, each keeps the stretch where it first differs from the others (`…aXbb…`).
enum DistinctNames {
  /// `names[k]` shortened to `widths[k]` cells (a missing width means the last one given).
  static func shorten(_ names: [String], widths: [Int], ellipsis: Unicode.Scalar = "…") -> [String] {
    guard let lastWidth = widths.last else { return names }
    let width = names.indices.map { $0 < widths.count ? max(0, widths[$0]) : max(0, lastWidth) }
    let long = names.indices.filter { names[$0].displayWidth > width[$0] }
    if long.isEmpty { return names }
    let mark = String(ellipsis)
    let markWidth = mark.displayWidth
    func apply(_ cut: (String, Int) -> String) -> [String] {
      var out = names
      for k in long { out[k] = width[k] <= markWidth ? head(names[k], width[k]) : cut(names[k], width[k]) }
      return out
    }
    var ways: [(String, Int) -> String] = [
      { head($0, $1 - markWidth) + mark },
      { mark + tail($0, $1 - markWidth) },
    ]
    // Middle cuts: the share of the room kept at the start, from an even split outwards.
    let maxRoom = long.map { width[$0] - markWidth }.max() ?? 0
    for offset in Self.evenFirst(maxRoom) {
      ways.append { name, w in
        let room = w - markWidth
        let front = min(max(1, room / 2 + offset), room - 1)
        return head(name, front) + mark + tail(name, room - front)
      }
    }
    // Each name the first way that sets it apart from every other name cut that way.
    // (Each way's cuts are made when first needed: most names settle on the first or second.)
    var cuts: [Int: [String]] = [:]
    func cut(_ way: Int) -> [String] {
      if let done = cuts[way] { return done }
      let out = apply(ways[way])
      cuts[way] = out
      return out
    }
    var mixed = names
    var settled = true
    for k in long {
      guard let way = ways.indices.first(where: { isApart(k, in: cut($0), names) }) else {
        settled = false
        break
      }
      mixed[k] = cut(way)[k]
    }
    if settled && isDistinct(mixed, names) { return mixed }
    // Else one way for all, if one keeps them apart.
    if let way = ways.indices.first(where: { isDistinct(cut($0), names) }) { return cut(way) }
    return apply { name, w in window(name, width: w, at: firstDifference(name, among: names), mark: mark) }
  }

  /// The same width for every name.
  static func shorten(_ names: [String], to width: Int, ellipsis: Unicode.Scalar = "…") -> [String] {
    shorten(names, widths: [width], ellipsis: ellipsis)
  }

  /// Offsets from an even split of `room`: 0, 1, -1, 2, -2, …
  static func evenFirst(_ room: Int) -> [Int] {
    guard room > 1 else { return [] }
    var offsets = [0]
    for d in 1...room {
      offsets.append(d)
      offsets.append(-d)
    }
    return offsets
  }

  /// Whether `shown[k]` differs from what every name other than `names[k]` shows.
  static func isApart(_ k: Int, in shown: [String], _ names: [String]) -> Bool {
    !shown.indices.contains { $0 != k && names[$0] != names[k] && shown[$0] == shown[k] }
  }

  /// Whether names that differ are shown differently.
  static func isDistinct(_ shown: [String], _ names: [String]) -> Bool {
    var seen: [String: String] = [:]
    for (s, n) in zip(shown, names) {
      if let other = seen[s], other != n { return false }
      seen[s] = n
    }
    return true
  }

  /// The first `cells` cells of `text`.
  static func head(_ text: String, _ cells: Int) -> String {
    var out = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let w = DisplayWidth.of(scalar)
      if used + w > cells { break }
      out.append(scalar)
      used += w
    }
    return String(out)
  }

  /// The last `cells` cells of `text` (a combining mark stays with its letter).
  static func tail(_ text: String, _ cells: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var start = scalars.count
    var used = 0
    while start > 0 {
      let w = DisplayWidth.of(scalars[start - 1])
      if used + w > cells { break }
      used += w
      start -= 1
    }
    while start < scalars.count, DisplayWidth.of(scalars[start]) == 0 { start += 1 }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[start...])
    return String(out)
  }

  /// The scalar offset at which `name` first differs from the most similar other name.
  static func firstDifference(_ name: String, among names: [String]) -> Int {
    let mine = Array(name.unicodeScalars)
    var deepest = 0
    for other in names where other != name {
      var k = 0
      for (a, b) in zip(mine, other.unicodeScalars) {
        if a != b { break }
        k += 1
      }
      deepest = max(deepest, k)
    }
    return deepest
  }

  /// `width` cells of `name` around scalar offset `at`, with an ellipsis on each side that is cut.
  static func window(_ name: String, width: Int, at: Int, mark: String) -> String {
    let scalars = Array(name.unicodeScalars)
    let markWidth = mark.displayWidth
    let room = width - 2 * markWidth
    let start = max(0, min(at - room / 2, scalars.count - 1))
    if room <= 0 || start == 0 { return head(name, width - markWidth) + mark }
    let rest = String(String.UnicodeScalarView(scalars[start...]))
    if rest.displayWidth <= width - markWidth { return mark + tail(name, width - markWidth) }
    return mark + head(rest, room) + mark
  }
}
