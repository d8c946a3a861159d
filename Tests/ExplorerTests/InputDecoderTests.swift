import Testing

@testable import PepnetExplorer

/// Terminal input decoded whole (issue 13, item 7): an unknown escape sequence, Alt-x, focus
/// reports and SGR mouse clicks must not read as Esc followed by stray keys.
@Suite struct InputDecoderTests {
  /// Decodes `text` fed in one piece, then flushed as if nothing followed.
  func decode(_ text: String) -> [InputEvent] {
    var decoder = InputDecoder()
    return decoder.feed(Array(text.utf8)) + decoder.flush()
  }

  @Test func plainKeysAndControlBytes() {
    #expect(decode("jk") == [.key(.char("j")), .key(.char("k"))])
    #expect(
      decode("\r\n\t\u{7F}\u{03}") == [
        .key(.enter), .key(.enter), .key(.tab), .key(.backspace), .key(.ctrlC),
      ])
    #expect(decode("é北") == [.key(.char("é")), .key(.char("北"))])
  }

  @Test func aLoneEscapeIsEscOnlyWhenNothingFollows() {
    var decoder = InputDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.isWaiting)
    #expect(decoder.flush() == [.key(.escape)])
    #expect(decode("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
  }

  @Test func cursorAndEditingKeys() {
    #expect(
      decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.key(.up), .key(.down), .key(.right), .key(.left)])
    #expect(decode("\u{1B}OA\u{1B}OH\u{1B}OF") == [.key(.up), .key(.home), .key(.end)])
    #expect(
      decode("\u{1B}[5~\u{1B}[6~\u{1B}[1~\u{1B}[4~\u{1B}[H\u{1B}[F") == [
        .key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .key(.home), .key(.end),
      ])
    #expect(decode("\u{1B}[Z\u{1B}[3~") == [.key(.backTab), .key(.backspace)])
  }

  @Test func altIsAModifier() {
    #expect(decode("\u{1B}x") == [.key(.alt(.char("x")))])
    #expect(decode("\u{1B}q") == [.key(.alt(.char("q")))], "Alt-q is not q: it does not quit")
    #expect(decode("\u{1B}[1;3A") == [.key(.alt(.up))])
    #expect(decode("\u{1B}[1;5B") == [.key(.down)], "Ctrl-Down moves like Down")
    #expect(KeyMap.command(for: .alt(.char("x"))) == nil)
  }

  @Test func unknownSequencesAreDroppedWhole() {
    // Focus in and out, F1, F5, F12, bracketed paste markers, a DEC private reply: nothing each.
    for sequence in [
      "\u{1B}[I", "\u{1B}[O", "\u{1B}OP", "\u{1B}[15~", "\u{1B}[24~", "\u{1B}[200~", "\u{1B}[?1;2c",
    ] {
      #expect(decode(sequence + "j") == [.key(.char("j"))], "\(sequence.debugDescription)")
    }
  }

  @Test func sequencesSplitAcrossReadsAreJoined() {
    var decoder = InputDecoder()
    #expect(decoder.feed(Array("\u{1B}[".utf8)).isEmpty)
    #expect(decoder.feed(Array("<0;10".utf8)).isEmpty)
    #expect(decoder.feed(Array(";5M".utf8)) == [.mouse(MouseEvent(.click, x: 9, y: 4))])
    #expect(decoder.feed([0xE5, 0x8C]).isEmpty, "half a UTF-8 character waits")
    #expect(decoder.feed([0x97]) == [.key(.char("北"))])
  }

  @Test func sgrMouseReportsAnyColumn() {
    #expect(decode("\u{1B}[<0;300;40M") == [.mouse(MouseEvent(.click, x: 299, y: 39))])
    #expect(decode("\u{1B}[<0;300;40m").isEmpty, "a release is not a click")
    #expect(
      decode("\u{1B}[<64;5;6M\u{1B}[<65;5;6M") == [
        .mouse(MouseEvent(.wheelUp, x: 4, y: 5)), .mouse(MouseEvent(.wheelDown, x: 4, y: 5)),
      ])
    #expect(decode("\u{1B}[<2;5;6M\u{1B}[<32;5;6M").isEmpty, "right button and motion do nothing")
  }

  @Test func x10MouseReportsAreTheFallback() {
    var decoder = InputDecoder()
    let click: [UInt8] = [0x1B, 0x5B, 0x4D, 32 + 0, 32 + 10, 32 + 5]
    let release: [UInt8] = [0x1B, 0x5B, 0x4D, 32 + 3, 32 + 10, 32 + 5]
    let wideColumn: [UInt8] = [0x1B, 0x5B, 0x4D, 32 + 0, 32 + 200, 32 + 5]
    #expect(
      decoder.feed(click + release + wideColumn) == [
        .mouse(MouseEvent(.click, x: 9, y: 4)), .mouse(MouseEvent(.click, x: 199, y: 4)),
      ])
  }

  @Test func garbageNeverGrowsWithoutBound() {
    var decoder = InputDecoder()
    let endless = [0x1B, 0x5B] + [UInt8](repeating: UInt8(ascii: "1"), count: 500)
    #expect(decoder.feed(endless).isEmpty)
    #expect(!decoder.isWaiting, "an overlong sequence is dropped")
    #expect(decoder.feed(Array("j".utf8)) == [.key(.char("j"))])
    // Bytes that are not UTF-8 (0xFF never is; 0xC3 needs a continuation byte) are dropped.
    #expect(decoder.feed([0xFF, 0xC3, UInt8(ascii: "j")]) == [.key(.char("j"))])
    #expect(!decoder.isWaiting)
  }
}
