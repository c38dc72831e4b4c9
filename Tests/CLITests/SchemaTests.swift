import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Language

/// `runbook schema`: the JSON Schema is valid draft 2020-12, accepts every real playbook,
/// rejects typical mistakes, and stays in step with the parser. Validation runs through
/// `scripts/validate-yaml-schema` (python3 with jsonschema and PyYAML), as an editor would.
@Suite struct SchemaTests {
    let root = Fixtures.repositoryRoot()

    @Test func bothSchemasAreValidDraft202012() throws {
        let folder = try Self.temporaryFolder()
        for (name, text) in [("playbook", LanguageSchema.playbookSchema()), ("policy", LanguageSchema.policySchema())] {
            let path = folder.appendingPathComponent("\(name).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let check = """
                import json, sys
                from jsonschema import Draft202012Validator
                schema = json.load(open(sys.argv[1]))
                assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
                Draft202012Validator.check_schema(schema)
                """
            let output = try Python.run(["-c", check, path])
            #expect(output.status == 0, "\(name) schema: \(output.stderr)")
        }
    }

    @Test func repositoryPlaybooksAndValidFixturesValidate() throws {
        let playbooks = try yamlFiles(in: "playbooks")
        let fixtures = try yamlFiles(in: "Tests/LanguageTests/Fixtures/valid")
        let policies = playbooks.filter { Frontend.isPolicy(path: $0) }
        #expect(!policies.isEmpty && playbooks.count > policies.count && !fixtures.isEmpty)

        let playbookOutput = try validate(LanguageSchema.playbookSchema(),
                                          playbooks.filter { !Frontend.isPolicy(path: $0) } + fixtures)
        #expect(playbookOutput.status == 0, "\(playbookOutput.stdout)\(playbookOutput.stderr)")
        let policyOutput = try validate(LanguageSchema.policySchema(), policies)
        #expect(policyOutput.status == 0, "\(policyOutput.stdout)\(policyOutput.stderr)")
    }

    /// A mistake, where the validator must point, and proof the parser refuses it too.
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var yaml: String
        var testDescription: String { name }
    }

    static let mistakes = [
        Mistake(name: "typo'd field", path: "$: Additional properties are not allowed ('titel'", yaml: """
            titel: Restart
            steps: [{ id: a, shell: { run: "true" } }]
            """),
        Mistake(name: "step with two actions", path: "$.steps[0]:", yaml: """
            steps: [{ id: a, shell: { run: "true" }, wait: { for: 1s } }]
            """),
        Mistake(name: "step with no action", path: "$.steps[0]:", yaml: """
            steps: [{ id: a, title: Nothing }]
            """),
        Mistake(name: "bad duration", path: "$.steps[0].timeout:", yaml: """
            steps: [{ id: a, timeout: 5 minutes, shell: { run: "true" } }]
            """),
        Mistake(name: "probe with manual", path: "$.verify[0]:", yaml: """
            steps: [{ id: a, shell: { run: "true" } }]
            verify: [{ name: look, manual: { instructions: Look at it } }]
            """),
        Mistake(name: "probe with retry and hold", path: "$.verify[0]:", yaml: """
            steps: [{ id: a, shell: { run: "true" } }]
            verify:
              - name: up
                shell: { run: "true" }
                retry: { attempts: 3 }
                hold: { for: 1m, every: 5s }
            """),
        Mistake(name: "step id with capitals", path: "$.steps[0].id:", yaml: """
            steps: [{ id: Restart, shell: { run: "true" } }]
            """),
        Mistake(name: "args with sql", path: "$.steps[0].postgres:", yaml: """
            steps: [{ id: a, postgres: { target: db, sql: select 1, args: [x] } }]
            """),
        Mistake(name: "YAML 1.1 boolean", path: "$.steps[0].confirm:", yaml: """
            steps: [{ id: a, confirm: yes, shell: { run: "true" } }]
            """),
        Mistake(name: "unknown HTTP method", path: "$.steps[0].http.method:", yaml: """
            steps: [{ id: a, http: { target: app, method: FETCH } }]
            """),
    ]

    @Test(arguments: mistakes)
    func mistakeIsRejectedByBothSchemaAndParser(_ mistake: Mistake) throws {
        let text = "runbook: 1\nid: broken\ntitle: Broken\nlevel: 1\nauthorization: { executor: on_call }\n"
            + mistake.yaml + "\n"
        let parsed = Frontend.parsePlaybook(SourceFile(path: "broken.yaml", text: text))
        #expect(parsed.diagnostics.errorCount > 0, "the parser accepts it, so the schema must too")

        let folder = try Self.temporaryFolder()
        let file = folder.appendingPathComponent("broken.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let output = try validate(LanguageSchema.playbookSchema(), [file.path])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("broken.yaml: \(mistake.path)"), "\(output.stdout)")
    }

    @Test func everyPropertyIsDescribedAndEveryObjectRefusesUnknownFields() {
        for schema in [PlaybookSchema.document(), PolicySchema.document()] {
            var problems: [String] = []
            Self.audit(schema, at: "#", problems: &problems)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test func fieldsMatchTheParser() {
        #expect(Set(Self.propertyNames(PlaybookSchema.document())) == Set(PlaybookParser.fields))
        let actions = ActionKind.allCases.map(\.rawValue)
        #expect(Set(Self.propertyNames(StepSchema.step)) == Set(StepParser.commonFields + actions))
        let probeFields = Set(Self.propertyNames(ProbeSchema.probe))
        #expect(probeFields.isSuperset(of: ActionKind.probeKinds.map(\.rawValue)))
        #expect(probeFields.isDisjoint(with: [ActionKind.manual, .message, .wait, .playbook].map(\.rawValue)))
    }

    @Test func renderingIsSortedIndentedAndEscaped() {
        let value: JSONValue = ["b": [1, true, nil], "a": ["x": "q\"\\\n\u{1}"], "c": [:], "d": []]
        #expect(value.rendered() == """
            {
              "a": {
                "x": "q\\"\\\\\\n\\u0001"
              },
              "b": [
                1,
                true,
                null
              ],
              "c": {},
              "d": []
            }
            """)
        #expect(LanguageSchema.playbookSchema() == LanguageSchema.playbookSchema())
    }

    @Test func schemaCommandPrintsBothSchemas() throws {
        for (arguments, expected) in [(["schema"], LanguageSchema.playbookSchema()),
                                      (["schema", "--policy"], LanguageSchema.policySchema())] {
            let output = try RunbookBinary.run(arguments, in: root)
            let printsSchema = output.status == 0 && output.stdout == expected
            #expect(printsSchema, "runbook \(arguments.joined(separator: " ")): exit \(output.status), \(output.stderr.prefix(300))")
        }
    }

    // MARK: - Helpers

    private func yamlFiles(in folder: String) throws -> [String] {
        let directory = root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// Runs scripts/validate-yaml-schema with `schema` saved to a file.
    private func validate(_ schema: String, _ files: [String]) throws -> Python.Output {
        let schemaFile = try Self.temporaryFolder().appendingPathComponent("schema.json")
        try schema.write(to: schemaFile, atomically: true, encoding: .utf8)
        let script = root.appendingPathComponent("scripts/validate-yaml-schema").path
        let output = try Python.run([script, schemaFile.path] + files)
        if output.status == 2 {
            Issue.record("validate-yaml-schema could not run: \(output.stderr)")
        }
        return output
    }

    private static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func propertyNames(_ schema: JSONValue) -> [String] {
        guard case .object(let members) = schema, case .object(let properties)? = members["properties"] else {
            return []
        }
        return Array(properties.keys)
    }

    /// Every property has hover text; every object schema with properties is closed.
    private static func audit(_ schema: JSONValue, at path: String, problems: inout [String]) {
        switch schema {
        case .object(let members):
            if case .object(let properties)? = members["properties"] {
                if members["additionalProperties"] != false, members["type"] == "object" {
                    problems.append("\(path) accepts unknown fields")
                }
                for (name, property) in properties where property != false {
                    guard case .object(let fields) = property, case .string? = fields["description"] else {
                        if members["type"] == "object" { problems.append("\(path)/properties/\(name) has no description") }
                        continue
                    }
                }
            }
            if case .object(let definitions)? = members["$defs"] {
                for (name, definition) in definitions {
                    guard case .object(let fields) = definition, case .string? = fields["description"] else {
                        problems.append("#/$defs/\(name) has no description")
                        continue
                    }
                }
            }
            for (key, value) in members { audit(value, at: "\(path)/\(key)", problems: &problems) }
        case .array(let items):
            for (index, item) in items.enumerated() { audit(item, at: "\(path)/\(index)", problems: &problems) }
        default:
            break
        }
    }

    /// python3, for the schema checks; a missing interpreter or module fails the test with the fix.
    private enum Python {
        typealias Output = TestProcess.Output

        static func run(_ arguments: [String]) throws -> Output {
            try requireModules()
            return try launch(arguments)
        }

        private static func requireModules() throws {
            let probe = try? launch(["-c", "import jsonschema, yaml"])
            guard let probe, probe.status == 0 else {
                let lastLine = probe?.stderr.split(separator: "\n").last.map(String.init)
            let reason = lastLine ?? probe.map { "exit \($0.status)" } ?? "python3 not found"
                throw MissingDependency(description: """
                    python3 with jsonschema and PyYAML is needed to validate the schema (\(reason)); \
                    run scripts/install-test-deps
                    """)
            }
        }

        private static func launch(_ arguments: [String]) throws -> Output {
            try TestProcess.run("/usr/bin/env", ["python3"] + arguments)
        }

        struct MissingDependency: Error, CustomStringConvertible {
            var description: String
        }
    }
}
