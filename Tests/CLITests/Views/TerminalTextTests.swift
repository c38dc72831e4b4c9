import Testing
@testable import RunbookCLI

/// What the plain and live views print for durations and for text from commands and servers.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        (0, "0.00s"), (4, "0.00s"), (5, "0.01s"), (7, "0.01s"), (90, "0.09s"), (1_234, "1.23s"),
        (9_994, "9.99s"), (9_999, "10.00s"), (10_000, "10.0s"), (10_049, "10.0s"), (10_050, "10.1s"),
        (119_999, "120.0s"), (120_000, "2m0s"), (3_725_000, "62m5s"),
    ])
    func durationsReadLikeAStopwatch(milliseconds: Int, shown: String) {
        #expect(TerminalText.seconds(milliseconds) == shown)
    }

    @Test(arguments: [
        ("plain text, é and 🚨", "plain text, é and 🚨"),
        ("\u{1B}[2J\u{1B}]0;owned\u{7}", "^[[2J^[]0;owned^G"),
        ("tab\tstays", "tab\tstays"),
        ("del\u{7F} c1\u{9B}31m", "del^? c1^?31m"),
        ("a\nb", "a^Jb"),
    ])
    func controlCharactersAreShownNotObeyed(text: String, shown: String) {
        #expect(TerminalText.safe(text) == shown)
    }
}
