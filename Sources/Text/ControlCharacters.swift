extension String {
  /// The text with every control character (C0, DEL and C1: what a terminal may act on, such as
  /// ESC starting an escape sequence or BEL) written as a visible escape, `\u{1B}`; line breaks
  /// are kept when `keepingLineBreaks`. Titles, ids and names come from files and command lines,
  /// so pepnet's human-readable text and its error messages pass through this (the CLI's
  /// `StandardOutput` and error line, `NameResolver.echo`): a title
  /// `\e[2J\e]0;pwned\a` prints as `\u{1B}[2J\u{1B}]0;pwned\u{7}` and cannot clear the screen.
  /// (The escape is for reading: a backslash is left as it is.)
  public func escapingControlCharacters(keepingLineBreaks: Bool = false) -> String {
    func isControl(_ s: Unicode.Scalar) -> Bool {
      s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }
    guard unicodeScalars.contains(where: { isControl($0) && !(keepingLineBreaks && $0 == "\n") }) else {
      return self
    }
    var result = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if isControl(scalar) && !(keepingLineBreaks && scalar == "\n") {
        result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }
}
