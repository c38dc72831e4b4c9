import ArgumentParser
import Language

/// `runbook schema [--policy]`: prints the JSON Schema of playbooks (or of the policy file),
/// so editors with yaml-language-server complete and validate them.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the playbook language, for editors.",
        discussion: """
        Save it and point your editor at it, e.g. `runbook schema > .runbook.schema.json`; \
        see docs/editor-setup.md. The schema is JSON Schema draft 2020-12. It helps while \
        typing; `runbook lint` remains the full check.
        """)

    @Flag(help: "Print the schema of runbook.policy.yaml instead.")
    var policy = false

    func run() throws {
        Terminal.write(policy ? LanguageSchema.policySchema() : LanguageSchema.playbookSchema())
    }
}
