/// Where the columns of a ranking row go: cursor, rank (as wide as the largest rank), title, score
/// bar (a quarter of the row, up to 24 cells), score.
struct RankingColumns {
  var digits: Int
  var title: Int
  var titleWidth: Int
  var bar: Int
  var barWidth: Int
  var score: Int

  /// Columns of a row `width` cells wide (the list without its scroll indicator).
  init(width: Int, digits: Int) {
    self.digits = digits
    barWidth = max(4, min(24, width / 4))
    title = digits + 2
    titleWidth = max(1, width - title - 1 - barWidth - 1 - 5)
    bar = title + titleWidth + 1
    score = bar + barWidth + 1
  }
}
