import PepnetText

/// The key bindings as text for readers outside the explorer: Markdown tables for README.md and
/// docs/explorer.md, and plain lines for `pepnet help explore`. Both come from `KeyMap`, so neither
/// can drift from what the keys do (`KeyTableDocTests` fails while a document's table is stale).
public enum KeyTable {
  /// One context's rows, (keys, action), in key map order; the panes' context ends with the mouse.
  public static func rows(_ context: KeyContext) -> [(keys: String, action: String)] {
    let keys = KeyMap.bindings(in: context).map { (keys: $0.keyLabel, action: $0.description) }
    guard context == .normal else { return keys }
    return keys + KeyMap.mouse.map { (keys: "mouse " + $0.gesture, action: $0.action) }
  }

  /// A Markdown table per context that has bindings, each under its title in bold.
  public static func markdown(_ contexts: [KeyContext]) -> String {
    var blocks: [String] = []
    for context in contexts {
      let rows = rows(context)
      guard !rows.isEmpty else { continue }
      var lines = ["**\(context.title)**", "", "| Keys | Action |", "| --- | --- |"]
      for row in rows { lines.append("| \(escaped(row.keys)) | \(escaped(row.action)) |") }
      blocks.append(lines.joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n\n")
  }

  /// Plain text: each context's title, then its keys in a column and the actions beside them.
  public static func plainText(_ contexts: [KeyContext]) -> String {
    let all = contexts.map { (context: $0, rows: rows($0)) }.filter { !$0.rows.isEmpty }
    let width = all.flatMap(\.rows).reduce(0) { max($0, $1.keys.displayWidth) }
    var lines: [String] = []
    for (context, rows) in all {
      lines.append(context.title + ":")
      for row in rows {
        let padding = String(repeating: " ", count: width - row.keys.displayWidth)
        lines.append("  " + row.keys + padding + "  " + row.action)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Markdown table cell text: a `|` would end the cell.
  private static func escaped(_ text: String) -> String {
    text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
  }
}
