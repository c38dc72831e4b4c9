import Diagnostics
import Testing
import TestSupport
import YAMLLoader
@testable import Language

// MARK: - Helpers

/// A loaded YAML document and the node at a dotted key path (`a.v`).
private struct Loaded {
    let source: SourceFile
    let node: YAMLNode

    init(_ text: String, at path: String = "v") throws {
        source = SourceFile(path: "t.yaml", text: text)
        let result = YAMLLoader.load(source)
        #expect(result.diagnostics.isEmpty, "test YAML must load: \(result.diagnostics)")
        var node = try #require(result.root)
        for key in path.split(separator: ".") {
            node = try #require(node[String(key)], "no key \(key)")
        }
        self.node = node
    }
}

/// `expression` as a bare condition in a literal block, so it needs no YAML quoting.
private func condition(_ expression: String) throws -> (Expression?, [Diagnostic]) {
    let loaded = try Loaded("when: |-\n  \(expression)\n", at: "when")
    return TemplateParser.parseCondition(loaded.node, in: loaded.source)
}

private func at(_ location: Diagnostics.SourceLocation) -> [Int] { [location.line, location.column] }
private func at(_ marker: (line: Int, column: Int)) -> [Int] { [marker.line, marker.column] }

/// The value offset, in Unicode scalars, of the first occurrence of `needle`.
private func offset(of needle: String, in value: String) -> Int? {
    let haystack = Array(value.unicodeScalars)
    let needle = Array(needle.unicodeScalars)
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
}

// MARK: - Parsing

@Suite struct ExpressionParsing {
    @Test(arguments: [
        ("params.tenant", "params.tenant"),
        ("steps.check.rows[0].name", "steps.check.rows[0].name"),
        ("steps.check-db . rows [ 2 ]", "steps.check-db.rows[2]"),
        ("run.id", "run.id"),
        ("env.DATABASE_URL", "env.DATABASE_URL"),
        ("'it''s'", "'it''s'"),
        ("42", "42"),
        ("-7", "-7"),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        ("ident(params.tenant)", "ident(params.tenant)"),
        ("default( params.x , 'n/a' )", "default(params.x, 'n/a')"),
        ("trim()", "trim()"),
        ("lower(trim(params.name))", "lower(trim(params.name))"),
        ("!params.force", "!params.force"),
        ("!!a", "!!a"),
        ("!(a && b)", "!(a && b)"),
        ("a || b && c", "a || b && c"),
        ("a && b || c", "a && b || c"),
        ("(a || b) && c", "(a || b) && c"),
        ("a || (b || c)", "a || (b || c)"),
        ("a || b || c", "a || b || c"),
        ("a == 1 && b != 'x'", "a == 1 && b != 'x'"),
        ("x<1||y>=2", "x < 1 || y >= 2"),
        ("x <= -1 && y > 0", "x <= -1 && y > 0"),
        ("(a == b) == c", "(a == b) == c"),
        ("!a == b", "!a == b"),
        ("(params.x).y", "params.x.y"),
        ("steps.a.true", "steps.a.true"),
        ("params.force && steps.x.exit_code == 0", "params.force && steps.x.exit_code == 0"),
    ])
    func parsesAndPrintsBack(source: String, printed: String) throws {
        let (expression, diagnostics) = try condition(source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let parsed = try #require(expression)
        #expect(parsed.description == printed)
        // Printing is itself parseable and stable.
        let (again, _) = try condition(printed)
        #expect(again?.description == printed)
    }

    @Test func precedenceShapesTheTree() throws {
        let parsed = try #require(try condition("a || b && !c == d").0)
        guard case .binary(.or, let left, let right) = parsed.kind,
              case .binary(.and, let b, let comparison) = right.kind,
              case .binary(.equal, let negation, let d) = comparison.kind,
              case .unary(.not, let c) = negation.kind
        else {
            Issue.record("unexpected shape: \(parsed)")
            return
        }
        #expect([left, b, c, d].map(\.referencePath) == ["a", "b", "c", "d"])
    }

    @Test(arguments: [
        (#"'plain'"#, "plain"),
        (#"'it''s'"#, "it's"),
        (#"''"#, ""),
        (#""say \"hi\" \\ \n\t\r \'""#, "say \"hi\" \\ \n\t\r '"),
        (#""}}""#, "}}"),
        (#""😀 é""#, "😀 é"),
    ])
    func stringLiteralsDecodeEscapes(source: String, value: String) throws {
        let parsed = try #require(try condition(source).0)
        #expect(parsed.kind == .string(value))
    }

    @Test func referencesKeepTheirPath() throws {
        let parsed = try #require(try condition("steps.check.rows[0].name").0)
        #expect(parsed.kind == .reference([.name("steps"), .name("check"), .name("rows"), .index(0), .name("name")]))
        #expect(parsed.referencePath == "steps.check.rows[0].name")
        #expect(try condition("trim(x)").0?.referencePath == nil)
        #expect(try condition("'x'").0?.referencePath == nil)
    }

    @Test func callsKeepTheirArguments() throws {
        let parsed = try #require(try condition("default(params.x, 3)").0)
        guard case .call("default", let arguments) = parsed.kind else {
            Issue.record("not a call: \(parsed)")
            return
        }
        #expect(arguments.map(\.kind) == [.reference([.name("params"), .name("x")]), .integer(3)])
    }

    @Test func descriptionQuotesStrings() {
        let range = SourceRange(at: Diagnostics.SourceLocation(file: "t", line: 1, column: 1))
        let text = Expression(kind: .string("it's"), range: range)
        let call = Expression(kind: .call(name: "f", arguments: [text, Expression(kind: .null, range: range)]), range: range)
        #expect(call.description == "f('it''s', null)")
    }

    @Test func rulesAreListed() {
        #expect(ExpressionRules.all == [ExpressionRules.syntax])
        #expect(ExpressionRules.syntax.rawValue == "expression-syntax")
    }
}

// MARK: - Templates

@Suite struct Templates {
    struct Case: Sendable, CustomTestStringConvertible {
        let yaml: String
        let parts: [String]   // "text:…" or "expr:…" (the expression printed back)
        var testDescription: String { yaml }
    }

    @Test(arguments: [
        Case(yaml: "v: plain text", parts: ["text:plain text"]),
        Case(yaml: "v: \"\"", parts: []),
        Case(yaml: "v: a ${{ params.x }} b", parts: ["text:a ", "expr:params.x", "text: b"]),
        Case(yaml: "v: \"${{a}}${{ b }}\"", parts: ["expr:a", "expr:b"]),
        Case(yaml: "v: \"cost: $5, ${ x }, {{ y }}, $, $$ }}\"", parts: ["text:cost: $5, ${ x }, {{ y }}, $, $$ }}"]),
        Case(yaml: "v: \"${{ default(x, '}}') }}!\"", parts: ["expr:default(x, '}}')", "text:!"]),
        Case(yaml: "v: \"😀${{ x }}😀\"", parts: ["text:😀", "expr:x", "text:😀"]),
        Case(yaml: "v: |\n  line ${{ a }}\n  ${{ b }}\n", parts: ["text:line ", "expr:a", "text:\n", "expr:b", "text:\n"]),
        Case(yaml: "v: \"${{ }} x ${{ ok }}\"", parts: ["text:${{ }} x ", "expr:ok"]),
    ])
    func splitsTextAndExpressions(_ testCase: Case) throws {
        let loaded = try Loaded(testCase.yaml)
        let (template, _) = TemplateParser.parse(loaded.node, in: loaded.source)
        let parts = template.parts.map { part -> String in
            switch part {
            case .text(let text): "text:" + text
            case .expression(let expression): "expr:" + expression.description
            }
        }
        #expect(parts == testCase.parts)
        #expect(template.range == loaded.node.range)
    }

    @Test func literalAndExpressionsAccessors() throws {
        let plain = try Loaded("v: just text")
        #expect(TemplateParser.parse(plain.node, in: plain.source).0.literal == "just text")
        #expect(TemplateParser.parse(plain.node, in: plain.source).0.expressions.isEmpty)

        let mixed = try Loaded("v: \"${{ a }}-${{ b.c }}\"")
        let (template, diagnostics) = TemplateParser.parse(mixed.node, in: mixed.source)
        #expect(diagnostics.isEmpty)
        #expect(template.literal == nil)
        #expect(template.expressions.map(\.description) == ["a", "b.c"])
    }

    @Test func expressionRangesPointIntoTheFile() throws {
        let input = MarkedText("""
        v: "DROP SCHEMA ${{ 1️⃣ident(2️⃣params.tenant3️⃣)4️⃣ }} CASCADE"
        """)
        let loaded = try Loaded(input.text)
        let (template, diagnostics) = TemplateParser.parse(loaded.node, in: loaded.source)
        #expect(diagnostics.isEmpty)
        let call = try #require(template.expressions.first)
        #expect(at(call.range.start) == at(input[1]))
        #expect(at(call.range.end) == at(input[4]))
        guard case .call(_, let arguments) = call.kind, let argument = arguments.first else {
            Issue.record("not a call")
            return
        }
        #expect(at(argument.range.start) == at(input[2]))
        #expect(at(argument.range.end) == at(input[3]))
        #expect(argument.range.start.file == "t.yaml")
    }

    @Test func parenthesesAndOperatorsSpanTheirOperands() throws {
        let input = MarkedText("v: '${{ 1️⃣(a || b)2️⃣ && 3️⃣!c4️⃣ }}'")
        let loaded = try Loaded(input.text)
        let (template, diagnostics) = TemplateParser.parse(loaded.node, in: loaded.source)
        #expect(diagnostics.isEmpty)
        let expression = try #require(template.expressions.first)
        #expect(at(expression.range.start) == at(input[1]))
        #expect(at(expression.range.end) == at(input[4]))
        guard case .binary(.and, let left, let right) = expression.kind else {
            Issue.record("not &&: \(expression)")
            return
        }
        #expect(at(left.range.end) == at(input[2]))
        #expect(at(right.range.start) == at(input[3]))
    }

    @Test func everyBrokenExpressionIsReported() throws {
        let input = MarkedText("v: \"${{ 1️⃣}} and ${{ a 2️⃣b }} and ${{ ok }}\"")
        let loaded = try Loaded(input.text)
        let (template, diagnostics) = TemplateParser.parse(loaded.node, in: loaded.source)
        #expect(diagnostics.map { at($0.range.start) } == [at(input[1]), at(input[2])])
        #expect(diagnostics.allSatisfy { $0.rule == ExpressionRules.syntax && $0.severity == .error })
        #expect(template.expressions.map(\.description) == ["ok"])
        #expect(template.parts.first == .text("${{ }} and ${{ a b }} and "))
    }
}

// MARK: - Conditions

@Suite struct Conditions {
    @Test(arguments: [
        ("when: params.force && steps.x.exit_code == 0", "params.force && steps.x.exit_code == 0"),
        ("when: \"${{ params.force }}\"", "params.force"),
        ("when: \"  ${{ !params.force }}  \"", "!params.force"),
        ("when: \"!params.force\"", "!params.force"),
        ("when: true", "true"),
        ("when: |\n  a &&\n  b\n", "a && b"),
        ("when: >-\n  ${{ a ||\n  b }}\n", "a || b"),
    ])
    func acceptsBareAndWrappedConditions(yaml: String, printed: String) throws {
        let loaded = try Loaded(yaml, at: "when")
        let (expression, diagnostics) = TemplateParser.parseCondition(loaded.node, in: loaded.source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(expression?.description == printed)
    }

    @Test func bareConditionRangeCoversIt() throws {
        let input = MarkedText("when: 1️⃣a == 'b'2️⃣")
        let loaded = try Loaded(input.text, at: "when")
        let expression = try #require(TemplateParser.parseCondition(loaded.node, in: loaded.source).0)
        #expect(at(expression.range.start) == at(input[1]))
        #expect(at(expression.range.end) == at(input[2]))
    }
}

// MARK: - Errors

@Suite struct ExpressionErrors {
    struct Case: Sendable, CustomTestStringConvertible {
        enum Mode: Sendable { case template, condition }
        let name: String
        let marked: String
        let message: String
        var mode: Mode = .template
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "empty", marked: "v: \"${{ 1️⃣}}\"",
             message: "expected an expression inside '${{ }}', found '}}'"),
        Case(name: "empty, no space", marked: "v: \"a ${{1️⃣}}\"",
             message: "expected an expression inside '${{ }}', found '}}'"),
        Case(name: "unterminated", marked: "v: \"x 1️⃣${{ params.x\"",
             message: "unterminated '${{': expected '}}' to close it before the end of the text"),
        Case(name: "unterminated after an operator", marked: "v: \"1️⃣${{ a && \"",
             message: "unterminated '${{': expected '}}' to close it before the end of the text"),
        Case(name: "lone opener", marked: "v: 1️⃣${{",
             message: "unterminated '${{': expected '}}' to close it before the end of the text"),
        Case(name: "unclosed call", marked: "v: \"${{ trim(params.x 1️⃣}}\"",
             message: "expected ')' after function arguments, found '}}'"),
        Case(name: "missing comma", marked: "v: \"${{ default(a 1️⃣b) }}\"",
             message: "expected ')' after function arguments, found 'b'"),
        Case(name: "trailing name", marked: "v: \"${{ params.x 1️⃣y }}\"",
             message: "expected '}}' after the expression, found 'y'"),
        Case(name: "single equals", marked: "v: \"${{ a 1️⃣= b }}\"",
             message: "expected '}}' after the expression, found '='; use '==' to compare"),
        Case(name: "unknown character", marked: "v: \"${{ a 1️⃣# b }}\"",
             message: "expected '}}' after the expression, found '#'"),
        Case(name: "emoji", marked: "v: \"😀 ${{ 1️⃣😀 }}\"",
             message: "expected an expression, found '😀'"),
        Case(name: "unterminated string", marked: "v: \"${{ 1️⃣'abc }}\"",
             message: "unterminated string literal: expected a closing ' before the end of the text"),
        Case(name: "error before an unterminated string", marked: "v: \"${{ f('it'1️⃣s') }}\"",
             message: "expected ')' after function arguments, found 's'"),
        Case(name: "bad escape", marked: #"v: '${{ "a1️⃣\q" }}'"#,
             message: #"unknown escape sequence '\q' in string literal; use \\, \", \n, \t or \r"#),
        Case(name: "chained comparison", marked: "v: \"${{ a == b 1️⃣== c }}\"",
             message: "expected '&&' or '||' between comparisons (they do not chain), found '=='"),
        Case(name: "name as index", marked: "v: \"${{ rows[1️⃣x] }}\"",
             message: "expected an index (a whole number, 0 or more) after '[', found 'x'"),
        Case(name: "negative index", marked: "v: \"${{ rows[1️⃣-1] }}\"",
             message: "expected an index (a whole number, 0 or more) after '[', found '-1'"),
        Case(name: "unclosed index", marked: "v: \"${{ rows[0 1️⃣}}\"",
             message: "expected ']' after the index, found '}}'"),
        Case(name: "dot without name", marked: "v: \"${{ a. 1️⃣}}\"",
             message: "expected a name after '.', found '}}'"),
        Case(name: "member of a call", marked: "v: \"${{ trim(x)1️⃣.y }}\"",
             message: "expected a name before '.', found a call to 'trim'"),
        Case(name: "huge integer", marked: "v: ${{ 1️⃣99999999999999999999 }}",
             message: "integer literal '99999999999999999999' does not fit in 64 bits"),
        Case(name: "nested opener", marked: "v: \"${{ 1️⃣${{ x }} }}\"",
             message: "expected an expression, found '${{'; '${{' cannot be nested inside an expression"),
        Case(name: "trailing comma", marked: "v: \"${{ f(a, 1️⃣) }}\"",
             message: "expected an expression, found ')'"),
        Case(name: "unclosed parenthesis", marked: "v: \"${{ (a 1️⃣}}\"",
             message: "expected ')' to close '(', found '}}'"),
        Case(name: "stray closing parenthesis", marked: "v: \"${{ a1️⃣) }}\"",
             message: "expected '}}' after the expression, found ')'"),
        Case(name: "string after expression", marked: "v: \"${{ a 1️⃣'b' }}\"",
             message: "expected '}}' after the expression, found the string 'b'"),
        Case(name: "arithmetic", marked: "v: \"${{ a 1️⃣+ 1 }}\"",
             message: "expected '}}' after the expression, found '+'; expressions have no arithmetic"),
        Case(name: "smart quotes", marked: "v: \"${{ 1️⃣‘x’ }}\"",
             message: "expected an expression, found '‘'; quote strings with ' or \""),
        Case(name: "not a scalar", marked: "v: 1️⃣[a]",
             message: "expected a string, found a sequence"),
        Case(name: "in a literal block", marked: "v: |\n  echo hi\n  x ${{ a 1️⃣b }}\n",
             message: "expected '}}' after the expression, found 'b'"),
        Case(name: "in a folded block", marked: "v: >\n  some\n  text ${{ a 1️⃣b }}\n",
             message: "expected '}}' after the expression, found 'b'"),

        Case(name: "condition ends early", marked: "v: params.x &&1️⃣",
             message: "expected an expression, found the end of the condition", mode: .condition),
        Case(name: "condition trailing", marked: "v: a 1️⃣}}",
             message: "expected the end of the condition, found '}}'", mode: .condition),
        Case(name: "condition single ampersand", marked: "v: a 1️⃣& b",
             message: "expected the end of the condition, found '&'; use '&&' for 'and'", mode: .condition),
        Case(name: "condition text after wrapper", marked: "v: \"${{ a }} 1️⃣&& b\"",
             message: "expected the end of the condition after '}}', found '&& b'; "
                 + "write the whole condition inside one '${{ … }}', or leave '${{ }}' out",
             mode: .condition),
        Case(name: "condition two wrappers", marked: "v: \"${{ a }} 1️⃣${{ b }}\"",
             message: "expected the end of the condition after '}}', found another '${{'; "
                 + "write the whole condition inside one '${{ … }}'",
             mode: .condition),
        Case(name: "condition with inner wrapper", marked: "v: \"params.x && 1️⃣${{ y }}\"",
             message: "expected an expression, found '${{'; write the condition bare, or wrap all of it in one '${{ … }}'",
             mode: .condition),
        Case(name: "condition wrapper error", marked: "v: \"${{ a 1️⃣b }}\"",
             message: "expected '}}' after the expression, found 'b'", mode: .condition),
        Case(name: "condition as tag", marked: "v: 1️⃣!params.force",
             message: "expected a condition, found the YAML tag '!params.force'; "
                 + "YAML reads a leading '!' as a tag, so quote the condition: \"!params.force\"",
             mode: .condition),
        Case(name: "condition empty", marked: "v: 1️⃣\"  \"",
             message: "expected a condition expression, found an empty value", mode: .condition),
        Case(name: "condition mapping", marked: "v: 1️⃣{a: 1}",
             message: "expected a condition expression, found a mapping", mode: .condition),
    ])
    func reportsTheFirstErrorAtTheOffendingCharacter(_ testCase: Case) throws {
        let input = MarkedText(testCase.marked)
        let loaded = try Loaded(input.text)
        let diagnostics: [Diagnostic]
        switch testCase.mode {
        case .template:
            diagnostics = TemplateParser.parse(loaded.node, in: loaded.source).1
        case .condition:
            let (expression, found) = TemplateParser.parseCondition(loaded.node, in: loaded.source)
            #expect(expression == nil)
            diagnostics = found
        }
        try #require(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics[0].message == testCase.message)
        #expect(diagnostics[0].rule == ExpressionRules.syntax)
        #expect(diagnostics[0].severity == .error)
        #expect(at(diagnostics[0].range.start) == at(input[1]))
    }
}

// MARK: - Position map

@Suite struct PositionMap {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let marked: String
        let needle: String
        var path = "v"
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "plain", marked: "v: abc 1️⃣${{ x }}", needle: "${{"),
        Case(name: "plain after a tag", marked: "v: !!str foo 1️⃣bar", needle: "bar"),
        Case(name: "plain after an anchor", marked: "v: &a foo 1️⃣bar", needle: "bar"),
        Case(name: "plain, nested key", marked: "a:\n  v: x 1️⃣y", needle: "y", path: "a.v"),
        Case(name: "plain in a flow sequence", marked: "v: [1️⃣abc]", needle: "abc", path: "v"),
        Case(name: "plain start", marked: "v: 1️⃣abc", needle: "abc"),
        Case(name: "single-quoted", marked: "v: 'a 1️⃣b'", needle: "b"),
        Case(name: "single-quoted with doubled quotes", marked: "v: 'it''s ''x'' 1️⃣${{ y }}'", needle: "${{"),
        Case(name: "double-quoted", marked: "v: \"a 1️⃣b\"", needle: "b"),
        Case(name: "double-quoted escapes", marked: #"v: "t\t \"q\" \\ \u00e9 \x41 \U0001F600 1️⃣${{ y }}""#, needle: "${{"),
        Case(name: "double-quoted emoji", marked: "v: \"😀 é 1️⃣here\"", needle: "here"),
        Case(name: "double-quoted after a tag", marked: "v: !!str \"x 1️⃣y\"", needle: "y"),
        Case(name: "literal", marked: "v: |\n  line one\n  two 1️⃣here\n", needle: "here"),
        Case(name: "literal first char", marked: "v: |\n  1️⃣line one\n", needle: "line"),
        Case(name: "literal strip", marked: "v: |-\n    deep\n    1️⃣here\n", needle: "here"),
        Case(name: "literal keep", marked: "v: |+\n  a\n  1️⃣here\n\n", needle: "here"),
        Case(name: "literal indentation indicator", marked: "v: |2\n     indented\n  1️⃣here\n", needle: "here"),
        Case(name: "literal leading blank lines", marked: "v: |\n\n\n  1️⃣here\n", needle: "here"),
        Case(name: "literal nested", marked: "a:\n  v: |-\n    x\n      y\n    z 1️⃣here\n", needle: "here", path: "a.v"),
        Case(name: "literal with header comment", marked: "v: | # c ${{ no }}\n  1️⃣${{ yes }}\n", needle: "${{"),
        Case(name: "literal with emoji", marked: "v: |\n  😀😀 1️⃣x\n", needle: "x"),
        Case(name: "folded", marked: "v: >\n  some text\n  and 1️⃣${{ params.x }}\n", needle: "${{"),
        Case(name: "folded inside expression", marked: "v: >\n  some text\n  and ${{ 1️⃣params.x }}\n", needle: "params"),
        Case(name: "folded first char", marked: "v: >-\n  1️⃣first\n  second\n", needle: "first"),
        Case(name: "folded across lines", marked: "v: >\n  ${{ a ||\n    1️⃣b }}\n", needle: "b"),
        Case(name: "folded blank lines", marked: "v: >\n  one\n\n  two\n\n\n    more 1️⃣${{ x }}\n", needle: "${{"),
        Case(name: "folded second expression", marked: "v: >\n  ${{ a }}\n  ${{ b }} 1️⃣${{ c }}\n", needle: "${{ c"),
        Case(name: "multi-line plain", marked: "v: first line\n  second 1️⃣${{ x }}", needle: "${{"),
        Case(name: "multi-line plain, text", marked: "v: first line\n  second 1️⃣word", needle: "word"),
        Case(name: "multi-line double-quoted", marked: "v: \"first\n  second \\\"q\\\" 1️⃣${{ x }}\"", needle: "${{"),
        Case(name: "multi-line double-quoted escape", marked: "v: \"first \\\n  second \\t 1️⃣here\"", needle: "here"),
        Case(name: "multi-line single-quoted", marked: "v: 'first\n\n  it''s 1️⃣${{ x }}'", needle: "${{"),
        Case(name: "multi-line single-quoted text", marked: "v: 'first\n  it''s 1️⃣x'", needle: "x"),
    ])
    func mapsValueOffsetsToFilePositions(_ testCase: Case) throws {
        let input = MarkedText(testCase.marked)
        let loaded = try Loaded(input.text, at: testCase.path)
        let node = testCase.path == "v" && loaded.node.sequence != nil
            ? try #require(loaded.node.sequence?.first) : loaded.node
        let value = try #require(node.scalar?.value)
        let position = try #require(offset(of: testCase.needle, in: value), "needle not in \(value.debugDescription)")
        let map = ScalarPositionMap(node: node, source: loaded.source)
        let location = map.location(at: position)
        #expect(at(location) == at(input[1]), "value: \(value.debugDescription)")
        #expect(location.file == "t.yaml")
    }

    @Test(arguments: [
        "v: \"a\"", "v: plain", "v: |\n  x\n", "v: >\n  x\n", "v: 'a\n  b'", "v: \"\"",
    ])
    func offsetsOutsideTheValueAreClamped(yaml: String) throws {
        let loaded = try Loaded(yaml)
        let map = ScalarPositionMap(node: loaded.node, source: loaded.source)
        #expect(map.location(at: -5) == map.location(at: 0))
        #expect(map.location(at: map.count + 10) == map.location(at: map.count))
    }

    @Test func endOfValueIsJustPastIt() throws {
        let input = MarkedText("v: 'ab''c'1️⃣")
        let loaded = try Loaded(input.text)
        let map = ScalarPositionMap(node: loaded.node, source: loaded.source)
        // The value is `ab'c` (4 scalars); its end maps to the closing quote.
        #expect(at(map.location(at: 4)) == [input[1].line, input[1].column - 1])
    }
}

// MARK: - Robustness

@Suite struct ExpressionRobustness {
    static let nasty: [String] = [
        "", "$", "$$", "${", "${{", "${{}}", "}}", "${{'", "${{\"", "${{\"\\", "${{ '' }}",
        "😀${{😀}}", "${{ a[ }}", "${{ a[-1] }}", "${{ a[99999999999999999999] }}", "${{ -",
        "${{ ((((((( }}", "${{ !!!!!! }}", "${{ f(,) }}", "${{ a. }}", "${{ .a }}", "${{ a..b }}",
        "\n\n${{\n}}\n", "${{ a }}}", "${{ a }", "${{ a } }", "é${{é}}é", "👨‍👩‍👧 ${{ x == '👨‍👩‍👧' }}",
        "${{ \"\\x\" }}", "${{ 'a' 'b' }}", "\t${{\tx\t}}\t", "${{ a == }}", "${{ == a }}",
        String(repeating: "${{ ", count: 50), String(repeating: "(", count: 200),
    ]

    static let styles: [ScalarStyle] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]

    /// Nodes whose ranges and styles do not match the source text must still map and parse.
    @Test(arguments: nasty)
    func neverCrashesOnMismatchedNodes(value: String) {
        let source = SourceFile(path: "x.yaml", text: "k: 'short'\n  |\n")
        let ranges = [(1, 1, 1, 1), (0, 0, 0, 0), (2, 3, 9, 1), (40, 2, 41, 7), (1, 50, 1, 60), (3, 1, 1, 1)]
        for style in Self.styles {
            for (line, column, endLine, endColumn) in ranges {
                let range = SourceRange(
                    start: Diagnostics.SourceLocation(file: "x.yaml", line: line, column: column),
                    end: Diagnostics.SourceLocation(file: "x.yaml", line: endLine, column: endColumn))
                let node = YAMLNode(kind: .scalar(YAMLScalar(value: value, style: style)), range: range)
                let (template, _) = TemplateParser.parse(node, in: source)
                _ = template.literal
                _ = TemplateParser.parseCondition(node, in: source)
                let map = ScalarPositionMap(node: node, source: source)
                for offset in -1...(map.count + 1) { _ = map.location(at: offset) }
            }
        }
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let expression: String
        let message: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Hostile(name: "deep parentheses", expression: String(repeating: "(", count: 1_000) + "a",
                message: "expression nests more than 64 levels deep"),
        Hostile(name: "deep negation", expression: String(repeating: "!", count: 1_000) + "a",
                message: "expression nests more than 64 levels deep"),
        Hostile(name: "deep calls", expression: String(repeating: "f(", count: 500),
                message: "expression nests more than 64 levels deep"),
        Hostile(name: "long chain", expression: Array(repeating: "a", count: 5_000).joined(separator: " && "),
                message: "expression is too long: more than 2000 tokens"),
        Hostile(name: "huge nesting", expression: String(repeating: "(", count: 100_000),
                message: "expression is too long: more than 2000 tokens"),
    ])
    func hostileExpressionsAreRefused(_ hostile: Hostile) throws {
        let loaded = try Loaded("v: \"${{ \(hostile.expression) }}\"")
        let (template, templateDiagnostics) = TemplateParser.parse(loaded.node, in: loaded.source)
        #expect(template.expressions.isEmpty)
        #expect(templateDiagnostics.map(\.message) == [hostile.message])
        let (parsed, conditionDiagnostics) = try condition(hostile.expression)
        #expect(parsed == nil)
        #expect(conditionDiagnostics.map(\.message) == [hostile.message])
    }

    @Test func deepButReasonableNestingParses() throws {
        let expression = String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)
        #expect(try condition(expression).0?.description == "a")
    }

    /// Random strings over the expression alphabet, as real YAML in every style.
    @Test func randomInputsNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("${}()[].,!=<>&|'\"\\ -_ab0 9\né😀#".unicodeScalars)
        for _ in 0..<1500 {
            var value = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 24) {
                value.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let text = String(value)
            let escapedDouble = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
            let escapedSingle = text.replacing("'", with: "''").replacing("\n", with: " ")
            let block = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            for yaml in ["v: \"\(escapedDouble)\"", "v: '\(escapedSingle)'", "v: |\n  \(block)\n", "v: >\n  \(block)\n"] {
                let source = SourceFile(path: "r.yaml", text: yaml)
                guard let node = YAMLLoader.load(source).root?["v"] else { continue }
                let (template, diagnostics) = TemplateParser.parse(node, in: source)
                _ = TemplateParser.parseCondition(node, in: source)
                for diagnostic in diagnostics {
                    #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.column >= 1)
                }
                for expression in template.expressions {
                    #expect(expression.range.start <= expression.range.end || expression.range.start.line != expression.range.end.line)
                }
            }
        }
    }
}
