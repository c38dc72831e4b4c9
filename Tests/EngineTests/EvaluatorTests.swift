import BackendKit
import Diagnostics
import Language
import Testing
import YAMLLoader
@testable import Engine

@Suite struct EvaluatorTests {
    static let bindings = Bindings(
        params: ["tenant": "greenwood_high", "lines": .int(100), "force": .bool(false), "quote": "a\"b"],
        env: ["APP_URL": "http://localhost:3000"],
        steps: ["q": ["rows": .array([.object(["name": "alice"])]), "value": .int(3), "row_count": .int(1)],
                "sh": ["exit_code": .int(0), "stdout": "  Hello \n"]],
        run: ["id": "r1"])

    static func template(_ text: String) throws -> Template {
        let yaml = "v: '\(text.replacingOccurrences(of: "'", with: "''"))'"
        let root = try #require(YAMLLoader.load(SourceFile(path: "t.yaml", text: yaml)).root)
        let node = try #require(root["v"])
        let (template, diagnostics) = TemplateParser.parse(node, in: SourceFile(path: "t.yaml", text: yaml))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return template
    }

    @Test(arguments: [
        ("${{ params.tenant }}", "greenwood_high"),
        ("${{ ident(params.tenant) }}.users", "\"greenwood_high\".users"),
        ("${{ ident(params.quote) }}", "\"a\"\"b\""),
        ("${{ trim(steps.sh.stdout) }}", "Hello"),
        ("${{ lower(trim(steps.sh.stdout)) }}", "hello"),
        ("${{ steps.q.rows[0].name }}", "alice"),
        ("${{ default(steps.missing.value, 'none') }}", "none"),
        ("${{ params.lines > 50 && !params.force }}", "true"),
        ("${{ steps.q.value == 3 }}", "true"),
        ("${{ steps.q.value != '3' }}", "false"),
        ("${{ env.APP_URL }}/health", "http://localhost:3000/health"),
        ("run ${{ run.id }}", "run r1"),
    ])
    func rendersTemplates(text: String, expected: String) throws {
        #expect(Evaluator(bindings: Self.bindings).render(try Self.template(text)) == expected)
    }

    @Test func aSingleExpressionKeepsItsType() throws {
        #expect(Evaluator(bindings: Self.bindings).value(of: try Self.template("${{ params.lines }}")) == .int(100))
    }

    @Test(arguments: [
        ("checks.db.status", Value.string("ok")),
        ("items[1].id", .int(2)),
        ("items[5].id", .null),
        ("overallHealth", .string("GREEN")),
    ])
    func jsonPathsFollowDotsAndIndexes(path: String, expected: Value) throws {
        let json = try #require(Value(json: #"{"overallHealth":"GREEN","checks":{"db":{"status":"ok"}},"items":[{"id":1},{"id":2}]}"#))
        #expect(ExpectationCheck.lookup(path, in: json) == expected)
    }

    @Test(arguments: [
        ("a s3cret-token-long and s3cret; ab", "a *** and ***; ab"),
        ("s3crets3cret", "******"),
        ("s3cre", "s3cre"),
        ("é s3cret 🚨 s3cret", "é *** 🚨 ***"),
        ("pässwört and pässwört", "*** and ***"),
        ("", ""),
    ])
    func redactorHidesEverySecretLongestFirst(text: String, shown: String) {
        let redactor = Redactor(secrets: ["s3cret", "s3cret-token-long", "ab", "pässwört"])
        #expect(redactor.redact(text) == shown)
    }
}
