/// The plain-text table of an evaluation report, for the CLI.
///
/// Fixed-width columns, one line per slice, a header line first; text columns left-aligned, numbers
/// right-aligned, metrics with 4 decimals, "-" for an undefined metric, "(all)" for all domains.
/// For example:
///
///     domain         task       AUC    GAUC  users  logloss   pos     n  oracle AUC
///     featured       like    0.7512  0.6120     31   0.1893    52  1000      0.8010
///     (all)          like    0.7400  0.6000     88   0.1900   150  3000      0.8000
///
/// `users` is how many users GAUC rests on (those with both classes in the slice).
extension EvaluationReport {
  public func table() -> String {
    let header = ["domain", "task", "AUC", "GAUC", "users", "logloss", "pos", "n", "oracle AUC"]
    let leftAligned = [true, true, false, false, false, false, false, false, false]
    var lines: [[String]] = [header]
    for slice in slices {
      lines.append([
        slice.domain ?? "(all)", slice.task, fixed(slice.auc), fixed(slice.gauc),
        slice.gaucUsers.map(String.init) ?? "-", fixed(slice.logLoss),
        String(slice.positives), String(slice.impressions), fixed(slice.oracleAUC),
      ])
    }
    let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
    return lines.map { cells in
      var line = ""
      for (column, cell) in cells.enumerated() {
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        if column > 0 { line += "  " }
        line += leftAligned[column] ? cell + padding : padding + cell
      }
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n") + "\n"
  }
}

/// `value` with 4 decimals (rounded half away from zero), or "-" when nil.
private func fixed(_ value: Double?) -> String {
  guard let value else { return "-" }
  let scaled = (abs(value) * 10_000).rounded()
  guard scaled < 1e15 else { return value < 0 ? "-inf" : "inf" }
  let units = Int(scaled)
  let fraction = String(units % 10_000)
  let sign = value < 0 && units != 0 ? "-" : ""
  return sign + String(units / 10_000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
}
