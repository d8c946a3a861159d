import Foundation
import PepnetTestSupport
import Testing

/// Issue 14's views in the real binary under tmux: `o` and `e` draw what the worker computes, `a`
/// and `j` recompute the effect, `s` puts the sentences in the gate panes, Esc returns.
@Suite(.serialized) struct ViewsEndToEndTests {
  @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed: skipping the end-to-end explorer test"))
  func overviewEffectAndSentencesUnderTmux() throws {
    let binary = try #require(PepnetBinary.path, "built pepnet binary not found (set PEPNET_BINARY)")
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.kill() }
    tmux.send("\(binary) explore --synthetic; echo EXIT=$?", enter: true)
    _ = try tmux.waitFor("? help", check: { $0.contains("EPNet gates") && $0.contains("Profile u1000") })
    tmux.send("o")
    _ = try tmux.waitFor("Gate health", check: { $0.contains("EPNet gate per field and domain") })
    tmux.send("e")
    _ = try tmux.waitFor("top-20 overlap", check: { $0.contains("(average-epnet)") && $0.contains("u1000") })
    tmux.send("a")
    _ = try tmux.waitFor("(average-ppnet)", check: { $0.contains("top-20 overlap") })
    tmux.send("j")
    _ = try tmux.waitFor("u1007·double-feed", check: { $0.contains("top-20 overlap") })
    tmux.sendKey("Escape")
    _ = try tmux.waitFor("Profile u1007", check: { $0.contains("EPNet gates") })
    tmux.send("s")
    let screen = try tmux.waitFor("and this item", check: { $0.contains("PPNet scales") })
    #expect(!screen.contains("EXIT="), "still running:\n\(screen)")
    tmux.send("q")
    _ = try tmux.waitFor("EXIT=0")
  }
}
