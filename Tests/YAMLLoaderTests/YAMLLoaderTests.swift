import Diagnostics
import Testing
import TestSupport
@testable import YAMLLoader

private func load(_ text: String, limits: LoaderLimits = .default) -> LoadResult {
    YAMLLoader.load(SourceFile(path: "t.yaml", text: text), limits: limits)
}

@Suite struct LoaderPositions {
    @Test func everyNodeKindKeepsItsStartAndEnd() throws {
        let input = MarkedText("""
        1️⃣plain: 2️⃣value
        3️⃣quoted: 4️⃣"two words"5️⃣
        6️⃣list:
          - 7️⃣a
          - 8️⃣[x, y]9️⃣
        block: 🔟|
          line one
          line two
        """)
        let result = load(input.text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        let pairs = try #require(root.mapping)
        #expect(pairs.count == 4)
        #expect(at(pairs[0].key) == input[1])
        #expect(at(pairs[0].value) == input[2])
        #expect(pairs[0].value.scalar?.style == .plain)
        #expect(at(pairs[1].key) == input[3])
        #expect(at(pairs[1].value) == input[4])
        #expect(pairs[1].value.range.end.line == input[5].line)
        #expect(pairs[1].value.range.end.column == input[5].column)
        #expect(pairs[1].value.scalar == YAMLScalar(value: "two words", style: .doubleQuoted))
        #expect(at(pairs[2].key) == input[6])
        let items = try #require(pairs[2].value.sequence)
        #expect(at(items[0]) == input[7])
        #expect(at(items[1]) == input[8])
        #expect(items[1].range.end.column == input[9].column)
        #expect(items[1].sequence?.map { $0.scalar?.value } == ["x", "y"])
        #expect(at(pairs[3].value) == input[10])
        #expect(pairs[3].value.scalar == YAMLScalar(value: "line one\nline two", style: .literal))
    }

    @Test(arguments: [
        ("a: 'single'", ScalarStyle.singleQuoted, "single"),
        ("a: \"double\"", .doubleQuoted, "double"),
        ("a: >\n  folded\n  text\n", .folded, "folded text\n"),
        ("a: |\n  literal\n", .literal, "literal\n"),
        ("a: plain", .plain, "plain"),
    ])
    func scalarStyles(text: String, style: ScalarStyle, value: String) throws {
        let root = try #require(load(text).root)
        #expect(root["a"]?.scalar == YAMLScalar(value: value, style: style))
    }

    @Test func tagsAreKept() throws {
        let root = try #require(load("a: !!str 1\nb: !custom x").root)
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["b"]?.tag == "!custom")
    }

    @Test func mappingsKeepSourceOrder() throws {
        let root = try #require(load("z: 1\na: 2\nm: 3").root)
        #expect(root.mapping?.map { $0.key.scalar?.value } == ["z", "a", "m"])
    }

    @Test func aliasesExpandToTheAnchoredNode() throws {
        let root = try #require(load("base: &b {x: 1}\ncopy: *b").root)
        #expect(root["copy"]?["x"]?.scalar?.value == "1")
    }
}

@Suite struct LoaderErrors {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let marked: String
        let rule: RuleID
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "duplicate key", marked: "a: 1\nb: 2\n1️⃣a: 3\n", rule: YAMLRules.duplicateKey,
             message: "duplicate key 'a'"),
        Case(name: "nested duplicate key", marked: "top:\n  x: 1\n  1️⃣x: 2\n", rule: YAMLRules.duplicateKey,
             message: "duplicate key 'x'"),
        Case(name: "bad indentation", marked: "a:\n  b: 1\n 1️⃣c: 2\n", rule: YAMLRules.syntax,
             message: "did not find expected key"),
        Case(name: "tab indentation", marked: "a:\n1️⃣\tb: 1\n", rule: YAMLRules.syntax,
             message: "found character that cannot start any token"),
        Case(name: "unclosed quote", marked: "a: \"open\nb: 1\n1️⃣", rule: YAMLRules.syntax,
             message: "found unexpected end of stream"),
        Case(name: "two documents", marked: "a: 1\n1️⃣---\nb: 2\n", rule: YAMLRules.multipleDocuments,
             message: "expected one YAML document"),
        Case(name: "unknown alias", marked: "a: 1️⃣*nope\n", rule: YAMLRules.unknownAlias,
             message: "alias '*nope'"),
        Case(name: "empty file", marked: "1️⃣", rule: YAMLRules.emptyDocument, message: "empty"),
        Case(name: "comment only", marked: "1️⃣# nothing here\n", rule: YAMLRules.emptyDocument,
             message: "no YAML content"),
        Case(name: "NUL byte", marked: "a: 1\nb: 1️⃣\u{0}\n", rule: YAMLRules.syntax,
             message: "control characters are not allowed"),
    ]

    @Test(arguments: cases)
    func reportsAtTheRightPlace(_ testCase: Case) throws {
        let input = MarkedText(testCase.marked)
        let result = load(input.text)
        let diagnostic = try #require(result.diagnostics.first, "no diagnostic for \(testCase.name)")
        #expect(diagnostic.rule == testCase.rule)
        #expect(diagnostic.message.contains(testCase.message), "\(diagnostic.message)")
        #expect(diagnostic.location.line == input[1].line)
        #expect(diagnostic.location.column == input[1].column)
    }

    @Test func invalidUTF8IsReportedByPosition() throws {
        var bytes = Array("a: 1\nb: ".utf8)
        bytes += [0xC3, 0x28]
        let result = YAMLLoader.load(SourceFile(path: "t.yaml", bytes: bytes))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rule == YAMLRules.syntax)
        #expect(diagnostic.message.contains("UTF-8"))
        #expect(diagnostic.location.line == 2)
        #expect(result.root == nil)
    }

    @Test func duplicateKeyPointsAtTheFirstDefinition() throws {
        let result = load("a: 1\na: 2\n")
        let note = try #require(result.diagnostics.first?.notes.first)
        #expect(note.range?.start.line == 1)
    }

    @Test func deepNestingStopsAtTheLimit() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = load(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.rule == YAMLRules.tooDeep)
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let result = load("a: 1234567890", limits: LoaderLimits(maxBytes: 4))
        #expect(result.diagnostics.first?.rule == YAMLRules.tooLarge)
    }
}

@Suite struct AliasBomb {
    /// The classic "billion laughs": each level refers to the previous one ten times.
    static func bomb(levels: Int, padTo bytes: Int = 0) -> String {
        var text = "l0: &l0 [\"lol\"]\n"
        for level in 1..<levels {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ",")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        if text.utf8.count < bytes {
            text += "# " + String(repeating: "x", count: bytes - text.utf8.count) + "\n"
        }
        return text
    }

    @Test func billionLaughsIsRejectedByTheExpansionBound() throws {
        let limits = LoaderLimits(maxAliasExpansion: 10_000)
        let result = load(Self.bomb(levels: 10, padTo: 1 << 20), limits: limits)
        #expect(result.root == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rule == YAMLRules.aliasBomb)
        #expect(diagnostic.message.contains("alias bomb"))
        // The loader stops at the first alias past the bound, well before level 10.
        #expect(diagnostic.location.line <= 6)
    }

    @Test func smallAliasUseStaysWithinTheBound() throws {
        let result = load(Self.bomb(levels: 3))
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["l2"]?.sequence?.count == 10)
    }
}

private func at(_ node: YAMLNode) -> (line: Int, column: Int) {
    (node.range.start.line, node.range.start.column)
}

private func == (lhs: (line: Int, column: Int), rhs: (line: Int, column: Int)) -> Bool {
    lhs.line == rhs.line && lhs.column == rhs.column
}
