/// How a cell's `Style` is shown on a terminal of a given colour depth: the attributes and the
/// colour indices (-1 the terminal's default) the backend sets.
///
/// - 256 colours: as drawn.
/// - 8 colours: each colour mapped to the nearest basic one, then the foreground changed where it
///   would not stand out from the background (dark blue on black, black on blue): the dark default
///   background is assumed, as the default foreground is light.
/// - No colour (monochrome, `NO_COLOR`): a background shows as reverse video; the accent colour
///   (the focused pane's border and title, the cursor mark, active tabs) as bold and the border
///   grey (other panes' borders, stale rows) as dim, so the focused pane stands out without colour.
struct TerminalAttributes: Equatable {
  var bold = false
  var dim = false
  var underline = false
  var reverse = false
  var fg: Int16 = -1
  var bg: Int16 = -1

  init(_ style: Style, colors: Int) {
    bold = style.bold
    dim = style.dim
    underline = style.underline
    reverse = style.reverse
    if colors >= 256 {
      fg = style.fg.map(Int16.init) ?? -1
      bg = style.bg.map(Int16.init) ?? -1
    } else if colors >= 8 {
      bg = style.bg.map { Int16(TerminalColor.nearestBasic($0)) } ?? -1
      fg = TerminalColor.readable(style.fg.map { Int16(TerminalColor.nearestBasic($0)) } ?? -1, on: bg)
    } else {
      if style.bg != nil { reverse.toggle() }
      if style.fg == Palette.accent { bold = true }
      if style.fg == Palette.border && !bold { dim = true }
    }
  }
}
