/// How `pepnet explore --snapshot` writes a frame: plain text, text with ANSI colours (xterm-256
/// SGR codes, for `less -R` or a terminal), or an SVG image or XHTML page for slides.
public enum FrameFormat: String, Sendable, CaseIterable {
  case text
  case ansi
  case svg
  case html

  /// The frame `grid` in this format (text without a final line break, the others with one).
  public func render(_ grid: CellGrid) -> String {
    switch self {
    case .text: grid.text
    case .ansi: FrameExport.ansi(grid)
    case .svg: FrameExport.svg(grid)
    case .html: FrameExport.html(grid)
    }
  }
}
