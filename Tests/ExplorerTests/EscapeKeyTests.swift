import Testing

@testable import PepnetExplorer

/// Esc never quits (issue 13, item 7): it closes, in order, the help overlay, the filter, the pin
/// and the tour, and otherwise does nothing. `q` and Ctrl-C quit.
@Suite struct EscapeKeyTests {
  @Test func escapeClosesOneThingAtATimeAndNeverQuits() {
    var s = TestSource.settle(TestSource.loaded(), [.key(.char("c"))])
    s.focus = .users
    s = TestSource.settle(s, [.key(.char("t")), .key(.char("/")), .key(.char("u")), .key(.enter)])
    s = TestSource.settle(s, [.key(.char("?"))])
    #expect(s.showHelp && !s.filter.isEmpty && s.pinned != nil && s.touring)
    s = TestSource.settle(s, [.key(.escape)])
    #expect(!s.showHelp && !s.filter.isEmpty && s.pinned != nil && s.touring, "help first")
    s = TestSource.settle(s, [.key(.escape)])
    #expect(s.filter.isEmpty && !s.searching && s.pinned != nil && s.touring, "then the filter")
    s = TestSource.settle(s, [.key(.escape)])
    #expect(s.pinned == nil && s.touring, "then the pin")
    s = TestSource.settle(s, [.key(.escape)])
    #expect(!s.touring, "then the tour")
    s = TestSource.settle(s, [.key(.escape), .key(.escape)])
    #expect(!s.quit, "Esc with nothing open does nothing")
  }

  @Test func escapeWhileTypingAFilterClearsIt() {
    let s = TestSource.settle(TestSource.loaded(), [.key(.char("/")), .key(.char("x")), .key(.escape)])
    #expect(!s.searching && s.filter.isEmpty && !s.quit)
  }

  @Test func qAndCtrlCQuit() {
    #expect(TestSource.settle(TestSource.loaded(), [.key(.char("q"))]).quit)
    #expect(TestSource.settle(TestSource.loaded(), [.key(.ctrlC)]).quit)
    #expect(!TestSource.settle(TestSource.loaded(), [.key(.alt(.char("q")))]).quit)
  }
}
