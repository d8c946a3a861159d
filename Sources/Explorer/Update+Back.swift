extension Explorer {
  /// Esc: closes the topmost thing open, in this order: the help overlay, the user filter (while
  /// typing it or after Enter kept it), the overview or effect view, the pin, the tour. With nothing open it does nothing: only
  /// `q` and Ctrl-C quit, so a stray Esc (or an escape sequence the terminal split) cannot.
  static func back(_ s: inout ExplorerState) {
    if s.showHelp {
      s.showHelp = false
    } else if s.searching || !s.filter.isEmpty {
      s.searching = false
      setFilter(&s, "")
    } else if s.view != .main {
      s.view = .main
    } else if s.pinned != nil {
      s.pinned = nil
    } else if s.touring {
      s.touring = false
    }
  }
}
