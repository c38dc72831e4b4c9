import Diagnostics
import Testing

@Suite struct TextRendererTests {
    let source = SourceFile(path: "p.yaml", text: "runbook: 1\nsetps:\n  - id: a\n")

    @Test func rendersHeaderSourceLineAndCaret() {
        let range = SourceRange(
            start: SourceLocation(file: "p.yaml", line: 2, column: 1),
            end: SourceLocation(file: "p.yaml", line: 2, column: 6))
        let diagnostic = Diagnostic(.error, "unknown-field", "unknown field 'setps'", at: range,
                                    notes: [DiagnosticNote("did you mean 'steps'?")])
        let text = TextRenderer(useColor: false).render(diagnostic, sources: ["p.yaml": source])
        #expect(text == """
        p.yaml:2:1: error: unknown field 'setps' [unknown-field]
         2 | setps:
           | ^~~~~
          = note: did you mean 'steps'?

        """)
    }

    @Test func colourIsOnlyAddedWhenAsked() {
        let diagnostic = Diagnostic(.warning, "x", "m", at: SourceRange(at: SourceLocation(file: "p.yaml", line: 1, column: 1)))
        #expect(!TextRenderer(useColor: false).render(diagnostic, sources: [:]).contains("\u{1B}["))
        #expect(TextRenderer(useColor: true).render(diagnostic, sources: [:]).contains("\u{1B}[1;33m"))
    }

    @Test func controlCharactersInTheSourceAreNeutralised() {
        let hostile = SourceFile(path: "h.yaml", text: "a: \u{1B}[2Jboom\n")
        let diagnostic = Diagnostic(.error, "x", "bad \u{1B}]0;title\u{7}", at: SourceRange(at: SourceLocation(file: "h.yaml", line: 1, column: 4)))
        let text = TextRenderer(useColor: false).render(diagnostic, sources: ["h.yaml": hostile])
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{7}"))
        #expect(text.contains("\\u{1b}[2Jboom"))
    }

    @Test(arguments: [
        ("setps", ["runbook", "steps", "verify"], "steps"),
        ("verfy", ["runbook", "steps", "verify"], "verify"),
        ("tmeout", ["timeout", "title"], "timeout"),
        ("zzzzzz", ["steps", "verify"], nil),
    ] as [(String, [String], String?)])
    func suggestsTheClosestWord(word: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: word, in: candidates) == expected)
    }

    @Test func locatesByteOffsets() {
        let file = SourceFile(path: "u.yaml", text: "é: 1\nab: 2\n")
        #expect(file.location(ofByteOffset: 0) == SourceLocation(file: "u.yaml", line: 1, column: 1))
        #expect(file.location(ofByteOffset: 2) == SourceLocation(file: "u.yaml", line: 1, column: 2))
        #expect(file.location(ofByteOffset: 7) == SourceLocation(file: "u.yaml", line: 2, column: 2))
    }
}
