/// Turns the bytes a terminal sends into key and mouse events, one whole sequence at a time.
///
/// Escape sequences are parsed whole (CSI `ESC [ params final`, SS3 `ESC O final`), so an
/// unrecognised one (a function key, focus in `ESC [ I`, a mouse report nobody asked for) is dropped
/// instead of reading as Esc followed by stray characters. `ESC` before another key is the Alt
/// modifier. Mouse reports come in SGR form (`ESC [ < b ; x ; y M`, any column) or as the X10
/// fallback (`ESC [ M b x y`, one byte each). A lone `ESC` is the Esc key once `flush` is called
/// because nothing followed within the escape delay.
struct InputDecoder {
  private var pending: [UInt8] = []
  /// A sequence longer than this without its final byte is garbage: dropped.
  static let maxSequence = 64

  /// Whether bytes wait for the rest of a sequence (the caller then waits the escape delay).
  var isWaiting: Bool { !pending.isEmpty }

  /// Adds bytes; returns the events they complete.
  mutating func feed(_ bytes: some Sequence<UInt8>) -> [InputEvent] {
    pending.append(contentsOf: bytes)
    return drain(final: false)
  }

  /// No more bytes came within the escape delay: a lone `ESC` is the Esc key, `ESC` and one byte an
  /// Alt key; anything else incomplete is dropped.
  mutating func flush() -> [InputEvent] { drain(final: true) }

  private enum Step {
    case event(InputEvent?, consumed: Int)
    case incomplete
  }

  private mutating func drain(final: Bool) -> [InputEvent] {
    var events: [InputEvent] = []
    var start = 0
    while start < pending.count {
      let bytes = pending[start...]
      switch step(bytes, final: final) {
      case .event(let event, let consumed):
        if let event { events.append(event) }
        start += consumed
      case .incomplete:
        if final || bytes.count > Self.maxSequence {
          // Garbage or a truncated sequence: drop it whole.
          start = pending.count
        } else {
          pending.removeFirst(start)
          return events
        }
      }
    }
    pending.removeAll(keepingCapacity: true)
    return events
  }

  private func step(_ bytes: ArraySlice<UInt8>, final: Bool) -> Step {
    let first = bytes[bytes.startIndex]
    guard first == 0x1B else { return plain(bytes) }
    let rest = bytes.dropFirst()
    guard let second = rest.first else { return final ? .event(.key(.escape), consumed: 1) : .incomplete }
    switch second {
    case UInt8(ascii: "["):
      if rest.count == 1 && final { return .event(.key(.alt(.char("["))), consumed: 2) }
      return csi(rest.dropFirst())
    case UInt8(ascii: "O"):
      guard let code = rest.dropFirst().first else {
        return final ? .event(.key(.alt(.char("O"))), consumed: 2) : .incomplete
      }
      return .event(ss3(code).map { .key($0) }, consumed: 3)
    case 0x1B:
      // Esc pressed twice (or Esc, then a sequence): the first is a key of its own.
      return .event(.key(.escape), consumed: 1)
    default:
      switch plain(rest) {
      case .event(let event, let consumed):
        guard case .key(let key)? = event else { return .event(nil, consumed: 1 + consumed) }
        return .event(.key(key == .ctrlC ? .ctrlC : .alt(key)), consumed: 1 + consumed)
      case .incomplete: return .incomplete
      }
    }
  }

  /// A control byte or one UTF-8 encoded character.
  private func plain(_ bytes: ArraySlice<UInt8>) -> Step {
    let first = bytes[bytes.startIndex]
    switch first {
    case 3: return .event(.key(.ctrlC), consumed: 1)
    case 9: return .event(.key(.tab), consumed: 1)
    case 10, 13: return .event(.key(.enter), consumed: 1)
    case 8, 0x7F: return .event(.key(.backspace), consumed: 1)
    case 0..<0x20: return .event(nil, consumed: 1)
    case 0x20..<0x80: return .event(.key(.char(Character(Unicode.Scalar(first)))), consumed: 1)
    default: break
    }
    let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0
    guard length > 0, first < 0xF8 else { return .event(nil, consumed: 1) }
    guard bytes.count >= length else { return .incomplete }
    let encoded = bytes.prefix(length)
    guard encoded.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { return .event(nil, consumed: 1) }
    var decoder = UTF8()
    var iterator = encoded.makeIterator()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.value >= 0x20 else {
      return .event(nil, consumed: length)
    }
    return .event(.key(.char(Character(scalar))), consumed: length)
  }

  /// `ESC O` and a final byte: the application-mode arrows, Home, End and keypad Enter.
  private func ss3(_ code: UInt8) -> Key? {
    switch code {
    case UInt8(ascii: "A"): return .up
    case UInt8(ascii: "B"): return .down
    case UInt8(ascii: "C"): return .right
    case UInt8(ascii: "D"): return .left
    case UInt8(ascii: "H"): return .home
    case UInt8(ascii: "F"): return .end
    case UInt8(ascii: "M"): return .enter
    default: return nil
    }
  }

  /// The bytes after `ESC [`: parameters (0x30-0x3F), intermediates (0x20-0x2F), one final byte
  /// (0x40-0x7E). `consumed` counts the `ESC [` too.
  private func csi(_ body: ArraySlice<UInt8>) -> Step {
    var index = body.startIndex
    while index < body.endIndex {
      let byte = body[index]
      if (0x40...0x7E).contains(byte) {
        let parameters = body[body.startIndex..<index]
        let consumed = 2 + body.distance(from: body.startIndex, to: index) + 1
        if byte == UInt8(ascii: "M") && parameters.isEmpty {
          // X10 mouse: three more bytes, each a value plus 32.
          let report = body[(index + 1)...].prefix(3)
          guard report.count == 3 else { return .incomplete }
          let values = report.map { Int($0) - 32 }
          return .event(
            Self.mouse(button: values[0], x: values[1] - 1, y: values[2] - 1, press: true),
            consumed: consumed + 3)
        }
        return .event(Self.csiEvent(parameters: Array(parameters), final: byte), consumed: consumed)
      }
      guard (0x20...0x3F).contains(byte) else {
        // Not a CSI sequence after all: drop the introducer and what came so far.
        return .event(nil, consumed: 2 + body.distance(from: body.startIndex, to: index))
      }
      index += 1
    }
    return .incomplete
  }

  private static func csiEvent(parameters: [UInt8], final: UInt8) -> InputEvent? {
    if parameters.first == UInt8(ascii: "<") {
      guard final == UInt8(ascii: "M") || final == UInt8(ascii: "m") else { return nil }
      let numbers = numbers(parameters.dropFirst())
      guard numbers.count == 3 else { return nil }
      return mouse(
        button: numbers[0], x: numbers[1] - 1, y: numbers[2] - 1, press: final == UInt8(ascii: "M"))
    }
    guard parameters.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ";") }) else { return nil }
    let numbers = numbers(parameters[...])
    let key: Key?
    switch final {
    case UInt8(ascii: "A"): key = .up
    case UInt8(ascii: "B"): key = .down
    case UInt8(ascii: "C"): key = .right
    case UInt8(ascii: "D"): key = .left
    case UInt8(ascii: "H"): key = .home
    case UInt8(ascii: "F"): key = .end
    case UInt8(ascii: "Z"): key = .backTab
    case UInt8(ascii: "~"):
      switch numbers.first ?? 0 {
      case 1, 7: key = .home
      case 4, 8: key = .end
      case 3: key = .backspace
      case 5: key = .pageUp
      case 6: key = .pageDown
      default: key = nil
      }
    default: key = nil
    }
    guard let key else { return nil }
    // `ESC [ 1 ; m A`: m - 1 is a bit set of Shift (1), Alt (2), Ctrl (4). Alt wraps the key;
    // Shift and Ctrl move the same way as the plain key.
    let modifiers = numbers.count >= 2 ? max(0, numbers[1] - 1) : 0
    return .key(modifiers & 2 != 0 ? .alt(key) : key)
  }

  /// Semicolon-separated decimal numbers (an empty field is 0; absurd values are clamped).
  private static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int] {
    bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
      var value = 0
      for byte in field where (0x30...0x39).contains(byte) {
        value = min(100_000, value * 10 + Int(byte - 0x30))
      }
      return value
    }
  }

  /// A mouse report: button bits as xterm sends them (low two bits the button, 32 motion, 64 wheel).
  private static func mouse(button: Int, x: Int, y: Int, press: Bool) -> InputEvent? {
    guard press, x >= 0, y >= 0, button & 32 == 0 else { return nil }
    if button & 64 != 0 {
      switch button & 3 {
      case 0: return .mouse(MouseEvent(.wheelUp, x: x, y: y))
      case 1: return .mouse(MouseEvent(.wheelDown, x: x, y: y))
      default: return nil
      }
    }
    return button & 3 == 0 ? .mouse(MouseEvent(.click, x: x, y: y)) : nil
  }
}
