import Testing
@testable import Checker

/// (input, expected kinds and texts of every token, comments included).
private let tokenCases: [(String, [(SQLToken.Kind, String)])] = [
    ("SELECT 1;", [(.word, "SELECT"), (.number, "1"), (.semicolon, ";")]),
    ("a -- DROP TABLE t\nb", [(.word, "a"), (.lineComment, "-- DROP TABLE t"), (.word, "b")]),
    ("/* outer /* inner */ still */x", [(.blockComment, "/* outer /* inner */ still */"), (.word, "x")]),
    ("'it''s'", [(.string, "'it''s'")]),
    (#"E'it\'s; x'"#, [(.string, #"E'it\'s; x'"#)]),
    (#"e'a\\'"#, [(.string, #"e'a\\'"#)]),
    (#"'a\' b"#, [(.string, #"'a\'"#), (.word, "b")]),   // standard strings: backslash is literal
    ("$$ DROP; $$", [(.dollarString, "$$ DROP; $$")]),
    ("$fn$ a $$ b $fn$ c", [(.dollarString, "$fn$ a $$ b $fn$"), (.word, "c")]),
    ("$1 + $22", [(.parameter, "$1"), (.operator, "+"), (.parameter, "$22")]),
    (#""we""ird" x"#, [(.quotedIdentifier, #""we""ird""#), (.word, "x")]),
    (#"U&"d\0061t" U&'x'"#, [(.quotedIdentifier, #"U&"d\0061t""#), (.string, "U&'x'")]),
    ("B'101' X'ff' N'n'", [(.string, "B'101'"), (.string, "X'ff'"), (.string, "N'n'")]),
    ("3.14 .5 1e-3 0x1F 1_000", [(.number, "3.14"), (.number, ".5"), (.number, "1e-3"), (.number, "0x1F"), (.number, "1_000")]),
    ("a::int", [(.word, "a"), (.operator, "::"), (.word, "int")]),
    ("x := 1", [(.word, "x"), (.operator, ":="), (.number, "1")]),
    ("a<>b", [(.word, "a"), (.operator, "<>"), (.word, "b")]),
    ("a=-- c\n1", [(.word, "a"), (.operator, "="), (.lineComment, "-- c"), (.number, "1")]),
    ("a */* c */", [(.word, "a"), (.operator, "*"), (.blockComment, "/* c */")]),
    ("t.c[1]", [(.word, "t"), (.punctuation, "."), (.word, "c"), (.punctuation, "["), (.number, "1"), (.punctuation, "]")]),
    ("foo$bar", [(.word, "foo$bar")]),
    ("café", [(.word, "café")]),
    ("$ x", [(.punctuation, "$"), (.word, "x")]),
]

@Suite struct SQLTokenizerTests {
    @Test(arguments: tokenCases.indices)
    func tokenizesEveryLexicalForm(_ index: Int) {
        let (input, expected) = tokenCases[index]
        let tokens = SQLTokenizer.tokens(in: input)
        #expect(tokens.map(\.kind) == expected.map(\.0), "\(input)")
        #expect(tokens.map(\.text) == expected.map(\.1), "\(input)")
        #expect(tokens.allSatisfy { !$0.isUnterminated })
    }

    /// Unclosed literals and comments become one unterminated token reaching the end.
    @Test(arguments: [
        ("SELECT 'abc", SQLToken.Kind.string),
        ("SELECT E'abc\\'", .string),
        ("SELECT \"abc", .quotedIdentifier),
        ("SELECT $$abc", .dollarString),
        ("SELECT $t$abc $$", .dollarString),
        ("SELECT /* a /* b */", .blockComment),
        ("SELECT U&'x", .string),
    ])
    func unterminatedTokensRunToTheEnd(_ input: String, _ kind: SQLToken.Kind) throws {
        let tokens = SQLTokenizer.tokens(in: input)
        let last = try #require(tokens.last)
        #expect(last.kind == kind)
        #expect(last.isUnterminated)
        #expect(last.range.upperBound == input.utf8.count)
    }

    @Test func rangesAreUTF8ByteOffsets() {
        let input = "SELECT 'é' , ok"
        let tokens = SQLTokenizer.tokens(in: input)
        #expect(tokens.map(\.range) == [0..<6, 7..<11, 12..<13, 14..<16])
        #expect(tokens[1].contentRange == 8..<10)
    }

    @Test func contentRangeExcludesDelimiters() {
        let input = "$tag$body$tag$ /*c*/ \"id\" E'x'"
        let contents = SQLTokenizer.tokens(in: input).map { token in
            String(decoding: Array(input.utf8)[token.contentRange], as: UTF8.self)
        }
        #expect(contents == ["body", "c", "id", "x"])
    }

    /// Arbitrary byte soup must never trap.
    @Test(arguments: ["", "'", "\"", "$", "$$", "$a", "/*", "--", "E'\\", "U&", "0x", "1e", "::", ";;;", "\u{0}", "é'", "$1$"])
    func neverCrashes(_ input: String) {
        let tokens = SQLTokenizer.tokens(in: input)
        #expect(tokens.allSatisfy { $0.range.upperBound <= input.utf8.count && $0.range.lowerBound <= $0.range.upperBound })
        _ = SQLEffects.statements(in: input)
    }
}
