/// A key press, decoded from the terminal by the backend.
public enum Key: Hashable, Sendable {
  case char(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, tab, backTab, escape, backspace
  case ctrlC
  /// A key with Alt held (the terminal sends `ESC` first); no binding uses Alt, so it does nothing.
  indirect case alt(Key)

  /// How the key is written in help and hints.
  public var label: String {
    switch self {
    case .char(" "): return "space"
    case .char(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .escape: return "Esc"
    case .backspace: return "Bksp"
    case .ctrlC: return "C-c"
    case .alt(let key): return "M-" + key.label
    }
  }

  /// The digit 1-9 this key types, if any.
  var digit: Int? {
    if case .char(let c) = self, let v = c.wholeNumberValue, (1...9).contains(v) { return v }
    return nil
  }
}
