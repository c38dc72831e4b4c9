import Testing
@testable import Checker

/// Word values after quote removal, and the control operators between them.
private func shape(_ script: String) -> [String] {
    ShellLexer.tokens(in: ShellText(script: script)).map { token in
        switch token {
        case .word(let word): "w:\(word.text)"
        case .control(let op, _): "c:\(op == "\n" ? "NL" : op)"
        case .redirect(let redirect): "r:\(redirect.op)"
        }
    }
}

private let lexCases: [(String, [String])] = [
    ("a b  c", ["w:a", "w:b", "w:c"]),
    ("'a b' \"c d\" e\\ f", ["w:a b", "w:c d", "w:e f"]),
    ("\"a \\\"q\\\" \\$x $y\"", ["w:a \"q\" $x $y"]),
    ("'it'\\''s'", ["w:it's"]),
    ("$'a\\tb\\'c'", ["w:a\tb'c"]),
    ("a;b&&c||d|e|&f&g", ["w:a", "c:;", "w:b", "c:&&", "w:c", "c:||", "w:d", "c:|", "w:e", "c:|&", "w:f", "c:&", "w:g"]),
    ("a\nb", ["w:a", "c:NL", "w:b"]),
    ("a \\\n b", ["w:a", "w:b"]),
    ("a # b ; c\nd", ["w:a", "c:NL", "w:d"]),
    ("a#b", ["w:a#b"]),
    ("x > f 2>&1 >> g &> h < i <<< j", ["w:x", "r:>", "w:f", "r:>&", "w:1", "r:>>", "w:g", "r:&>", "w:h", "r:<", "w:i", "r:<<<", "w:j"]),
    ("echo $(a \"b)\" c) d", ["w:echo", "w:$(a \"b)\" c)", "w:d"]),
    ("echo ${x:-a b} $((1 + 2))", ["w:echo", "w:${x:-a b}", "w:$((1 + 2))"]),
    ("(( i > 2 ))", ["w:(( i > 2 ))"]),
    ("( a ) ", ["c:(", "w:a", "c:)"]),
    ("diff <(a) b", ["w:diff", "w:<(a)", "w:b"]),
    ("case x in a) b;; esac", ["w:case", "w:x", "w:in", "w:a", "c:)", "w:b", "c:;;", "w:esac"]),
]

@Suite struct ShellLexerTests {
    @Test(arguments: lexCases.indices)
    func splitsWordsAndOperators(_ index: Int) {
        let (script, expected) = lexCases[index]
        #expect(shape(script) == expected, "\(script)")
    }

    @Test func recordsSubstitutionBodies() throws {
        let script = "echo \"$(rm -rf /a)\" `ls` <(cat x)"
        let words = ShellLexer.tokens(in: ShellText(script: script)).compactMap { token -> ShellWord? in
            if case .word(let word) = token { word } else { nil }
        }
        let bytes = Array(script.utf8)
        let bodies = words.flatMap(\.substitutions).map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(bodies == ["rm -rf /a", "ls", "cat x"])
    }

    @Test func readsHereDocumentBodies() throws {
        let script = "psql <<'SQL' && cat <<-EOF\nDROP TABLE t;\nSQL\n\tline\n\tEOF\necho after"
        let tokens = ShellLexer.tokens(in: ShellText(script: script))
        let bodies = tokens.compactMap { token -> Range<Int>? in
            if case .redirect(let redirect) = token { redirect.heredocBody } else { nil }
        }
        let bytes = Array(script.utf8)
        #expect(bodies.map { String(decoding: bytes[$0], as: UTF8.self) } == ["DROP TABLE t;\n", "\tline\n"])
        #expect(shape(script).suffix(3) == ["c:NL", "w:echo", "w:after"])
    }

    @Test func wordOriginsMapBackToTheScript() throws {
        let script = "x \"a\\\"b\""
        guard case .word(let word) = ShellLexer.tokens(in: ShellText(script: script))[1] else {
            Issue.record("expected a word")
            return
        }
        #expect(word.text == "a\"b")
        #expect(word.origins == [3, 5, 6])
        #expect(word.range == 2..<8)
        #expect(word.isQuoted)
    }

    @Test(arguments: [("A=1", true), ("A+=x", true), ("_a1=", true), ("1A=x", false), ("\"A\"=1", false), ("=x", false), ("a-b=1", false)])
    func recognisesAssignments(_ script: String, _ isAssignment: Bool) throws {
        guard case .word(let word) = ShellLexer.tokens(in: ShellText(script: script)).first else {
            Issue.record("expected a word")
            return
        }
        #expect(word.isAssignment == isAssignment)
    }

    @Test func parserLinksPipelineStages() {
        let commands = ShellCommandParser.commands(in: ShellLexer.tokens(in: ShellText(script: "a | b; c | d | e && f")))
        #expect(commands.map { $0.words.first?.text ?? "" } == ["a", "b", "c", "d", "e", "f"])
        #expect(commands.map(\.pipedFrom) == [nil, 0, nil, 2, 3, nil])
    }
}
